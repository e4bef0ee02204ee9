/**
 * The Docker implementation of the sandbox contract (sandbox/types.ts): the provider.
 *
 * One locked-down container per submission, whose PID 1 is the supervisor
 * (sandbox/supervisor/supervise.c); the conversation with it is the session
 * (session.ts). Containers are created, started and attached ahead of time (the warm
 * pool) and removed after their one submission. See sandbox/README.md for the design.
 */
import { setTimeout as sleep } from "node:timers/promises";
import Docker from "dockerode";
import { ensureRunnerImage } from "./build-images";
import { CREATED_LABEL, LEASE_LABEL, OWNER_LABEL, ownerLabel, reapLeftovers, SANDBOX_LABEL, type SandboxLease } from "./reaper";
import { BASE_ENV, describe, DockerSandboxSession, MiB, MIN_MEMORY_MB, SANDBOX_UID } from "./session";
import { SandboxError, type SandboxOptions, type SandboxProvider, type SandboxSession } from "./types";

export { DockerSandboxSession, packFiles } from "./session";

export interface DockerSandboxOptions {
  /** The runner image tag (see build-images.ts). */
  image: string;
  /** Docker runtime: "runc" (default) or "runsc" (gVisor, when installed and configured). */
  runtime?: "runc" | "runsc";
  /** Started containers kept ready; 0 = create on demand. */
  poolSize?: number;
  docker?: Docker;
  /**
   * Memory limit (MiB) of pooled containers until the first acquire(); afterwards new pool
   * containers get the limit callers last asked for, and acquire() prefers a warm container
   * at the limit it is asked for, so it mostly needs no update call.
   */
  defaultMemoryMb?: number;
  /** Container PID (and thread) limit. */
  pidsLimit?: number;
  /** How often leftovers are reaped; 0 disables the periodic reaper. */
  reapIntervalMs?: number;
  /** Containers older than this are leftovers whoever owns them. */
  maxContainerAgeMs?: number;
  /**
   * This worker's heartbeat: its containers carry the lease, and the reaper removes
   * containers whose lease expired (a SIGKILLed worker, on any host or in a container).
   */
  lease?: SandboxLease;
  /** The owner label (default `<hostname>/<pid>`; only a same-host reaper without leases reads it). */
  owner?: string;
  log?: (message: string) => void;
}

/**
 * What the supervisor keeps for itself (and never passes on): switch to the program's uid,
 * clear the program's bounding set, kill its processes, and seal/clean /box and /tmp
 * whatever modes the program set. See become_supervisor() in supervise.c.
 */
export const SUPERVISOR_CAPS = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "KILL", "SETGID", "SETUID", "SETPCAP"] as const;

export class DockerSandboxProvider implements SandboxProvider {
  private readonly docker: Docker;
  private readonly poolSize: number;
  /** Memory limit new pool containers get: what acquire() was last asked for. */
  private poolMemoryMb: number;
  private readonly warm: DockerSandboxSession[] = [];
  private readonly live = new Set<DockerSandboxSession>();
  private readonly creating = new Set<Promise<unknown>>();
  private filling = 0;
  private refillFailures = 0;
  private stopped = false;
  /** Cancels refill back-off waits on shutdown. */
  private readonly stopping = new AbortController();
  private readonly reapTimer: NodeJS.Timeout | undefined;
  private readonly log: (message: string) => void;

  constructor(private readonly options: DockerSandboxOptions) {
    this.docker = options.docker ?? new Docker();
    this.poolSize = options.poolSize ?? 1;
    this.poolMemoryMb = options.defaultMemoryMb ?? 1024;
    this.log = options.log ?? ((message) => console.warn(`[sandbox] ${message}`));
    void this.reap();
    const interval = options.reapIntervalMs ?? 60_000;
    if (interval > 0) {
      this.reapTimer = setInterval(() => void this.reap(), interval);
      this.reapTimer.unref();
    }
    this.refill();
  }

  /** Ids of the containers this provider has not removed yet (pooled and handed out). */
  containerIds(): string[] {
    return [...this.live].map((s) => s.id);
  }

  /** Started containers waiting in the pool, ready to be handed out. */
  get warmCount(): number {
    return this.warm.length;
  }

  /** Removes leftover containers of dead workers (never ours in use). */
  async reap(): Promise<void> {
    try {
      const removed = await reapLeftovers(this.docker, {
        maxAgeMs: this.options.maxContainerAgeMs ?? 2 * 60 * 60 * 1000,
        keepIds: new Set([...this.live].map((s) => s.id)),
        lease: this.options.lease,
      });
      if (removed.length > 0) this.log(`reaped ${removed.length} leftover sandbox container(s)`);
    } catch (error) {
      this.log(`reaping leftovers failed: ${describe(error)}`);
    }
  }

  async acquire(options: SandboxOptions = {}): Promise<SandboxSession> {
    if (this.stopped) throw new SandboxError("sandbox provider is shut down");
    if (options.memoryMb !== undefined) {
      if (!Number.isInteger(options.memoryMb) || options.memoryMb < MIN_MEMORY_MB) {
        throw new SandboxError(`memory limit must be an integer >= ${MIN_MEMORY_MB} MiB, got ${options.memoryMb}`);
      }
      this.poolMemoryMb = options.memoryMb;
    }
    for (const broken of this.warm.filter((s) => !s.usable)) void broken.close();
    const usable = this.warm.filter((s) => s.usable);
    // A warm container already at the asked limit if there is one (submissions of
    // different languages and problems ask for different limits), else the oldest.
    const index = Math.max(
      0,
      usable.findIndex((s) => s.memoryMb === options.memoryMb),
    );
    let session: DockerSandboxSession | undefined = usable.splice(index, 1)[0];
    this.warm.splice(0, this.warm.length, ...usable);
    // Creating a container costs dockerd, containerd and runc a good part of a CPU for a
    // while: done now, it slows the judging that just started on this small host. So the
    // pool is topped up when a container has been removed (after its judging), and here
    // only when it ran dry (the next acquire would otherwise wait for a creation).
    if (this.warm.length + this.filling === 0) this.refill();
    session ??= await this.track(this.createSession(options.memoryMb ?? this.poolMemoryMb));
    try {
      if (options.memoryMb !== undefined) await session.setMemoryLimit(options.memoryMb);
      await session.waitReady();
      return session;
    } catch (error) {
      await session.whenRemoved();
      throw error;
    }
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.reapTimer) clearInterval(this.reapTimer);
    await Promise.allSettled([...this.creating]);
    await Promise.all([...this.live].map((s) => s.whenRemoved()));
    this.warm.length = 0;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.creating.add(promise);
    void promise.finally(() => this.creating.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** Tops the warm pool up in the background; backs off while creation keeps failing. */
  private refill(): void {
    while (!this.stopped && this.warm.length + this.filling < this.poolSize) {
      this.filling++;
      const delay = this.refillFailures === 0 ? 0 : Math.min(30_000, 500 * 2 ** this.refillFailures);
      const attempt = sleep(delay, undefined, { signal: this.stopping.signal, ref: false })
        .then(() => this.createSession(this.poolMemoryMb))
        .then(
          async (session) => {
            this.refillFailures = 0;
            if (this.stopped) return session.close();
            this.warm.push(session);
          },
          (error: unknown) => {
            if (this.stopped) return; // shut down meanwhile: not a failure
            this.refillFailures++;
            this.log(`warming a sandbox failed: ${describe(error)}`);
          },
        )
        .finally(() => {
          this.filling--;
          if (this.refillFailures > 0 && this.refillFailures < 8) this.refill();
        });
      void this.track(attempt);
    }
  }

  /** Whether the engine runs cgroup v1, where MemorySwappiness exists (v2 warns and drops it). */
  private cgroupV1: Promise<boolean> | undefined;
  private isCgroupV1(): Promise<boolean> {
    this.cgroupV1 ??= this.docker.info().then(
      (info: { CgroupVersion?: string }) => info.CgroupVersion !== "2",
      (error: unknown) => {
        this.cgroupV1 = undefined; // ask again next time
        throw new SandboxError(`Docker is not reachable: ${describe(error)}`, { cause: error });
      },
    );
    return this.cgroupV1;
  }

  private containerConfig(memoryMb: number, cgroupV1: boolean): Docker.ContainerCreateOptions {
    const memory = memoryMb * MiB;
    return {
      Image: this.options.image,
      // The supervisor starts as root with only SUPERVISOR_CAPS and at once becomes uid
      // 10000; every program runs as uid 10001 with no capability (supervise.c).
      User: "0:0",
      WorkingDir: "/box",
      Env: Object.entries(BASE_ENV).map(([k, v]) => `${k}=${v}`),
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: false,
      Tty: false,
      NetworkDisabled: true,
      StopTimeout: 1,
      Labels: {
        [SANDBOX_LABEL]: "1",
        [OWNER_LABEL]: this.options.owner ?? ownerLabel(),
        [CREATED_LABEL]: new Date().toISOString(),
        ...(this.options.lease ? { [LEASE_LABEL]: this.options.lease.label } : {}),
      },
      HostConfig: {
        Runtime: this.options.runtime ?? "runc",
        NetworkMode: "none",
        CapDrop: ["ALL"],
        CapAdd: [...SUPERVISOR_CAPS],
        SecurityOpt: ["no-new-privileges"],
        Privileged: false,
        ReadonlyRootfs: true,
        // /box is a size-capped tmpfs *volume*: Docker's archive API refuses tmpfs mounts
        // of a read-only-root container, but accepts volumes; it goes with the container (v: true).
        Mounts: [
          {
            Type: "volume",
            Source: "", // anonymous: removed with the container
            Target: "/box",
            VolumeOptions: {
              NoCopy: true,
              Labels: { [SANDBOX_LABEL]: "1" },
              DriverConfig: {
                Name: "local",
                Options: { type: "tmpfs", device: "tmpfs", o: `size=256m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0755,nosuid,nodev` },
              },
            },
          },
        ],
        Tmpfs: { "/tmp": `rw,exec,nosuid,nodev,size=64m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=1777` },
        PidsLimit: this.options.pidsLimit ?? 128,
        Memory: memory,
        MemorySwap: memory,
        ...(cgroupV1 ? { MemorySwappiness: 0 } : {}),
        NanoCpus: 1_000_000_000,
        Ulimits: [
          { Name: "nofile", Soft: 4096, Hard: 4096 },
          { Name: "fsize", Soft: 256 * MiB, Hard: 256 * MiB },
          { Name: "core", Soft: 0, Hard: 0 },
        ],
        // No IPC namespace sharing and no /dev/shm at all (nothing to fill).
        IpcMode: "none",
        Init: false,
        AutoRemove: false,
        // Program output travels over attach only; never into Docker's log files.
        LogConfig: { Type: "none", Config: {} },
      },
    };
  }

  /** Creates, attaches and starts one container; its supervisor is then waiting for runs. */
  private async createSession(memoryMb: number): Promise<DockerSandboxSession> {
    const config = this.containerConfig(memoryMb, await this.isCgroupV1());
    let created: { Id: string; Warnings?: string[] | null };
    try {
      created = await new Promise((resolve, reject) =>
        this.docker.modem.dial(
          {
            path: "/containers/create?",
            method: "POST",
            options: config,
            statusCodes: { 200: true, 201: true, 400: "bad parameter", 404: "no such image", 409: "conflict", 500: "server error" },
          },
          (error: unknown, data: unknown) => (error ? reject(error as Error) : resolve(data as typeof created)),
        ),
      );
    } catch (error) {
      throw new SandboxError(`creating a sandbox container failed: ${describe(error)}`, { cause: error });
    }
    const container = this.docker.getContainer(created.Id);
    let session: DockerSandboxSession | undefined;
    try {
      // Docker's warnings (e.g. "swap limit not supported") mean a limit is not enforced.
      if (created.Warnings?.length) throw new SandboxError(`Docker warned on create: ${created.Warnings.join("; ")}`);
      const stream = await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
      session = new DockerSandboxSession(
        container,
        stream,
        memoryMb,
        (s) => {
          this.live.delete(s);
          this.refill();
        },
        this.log,
        (this.options.runtime ?? "runc") !== "runsc",
      );
      this.live.add(session);
      await container.start();
      await session.waitReady();
      if (this.stopped) throw new SandboxError("sandbox provider is shut down");
      return session;
    } catch (error) {
      if (session) await session.whenRemoved();
      else await container.remove({ force: true, v: true }).catch(() => undefined);
      if (error instanceof SandboxError) throw error;
      throw new SandboxError(`starting sandbox ${created.Id.slice(0, 12)} failed: ${describe(error)}`, { cause: error });
    }
  }
}

/**
 * A provider for `image`, or for the runner image (built when missing) when none is given.
 * Configuration comes from the caller (the worker reads it from its environment:
 * worker/sandbox-config.ts); nothing here reads the environment.
 */
export async function createSandboxProvider(
  options: Partial<DockerSandboxOptions> & { baseImage?: string } = {},
): Promise<DockerSandboxProvider> {
  const { baseImage, ...rest } = options;
  const image = rest.image ?? (await ensureRunnerImage({ docker: rest.docker, baseImage }));
  return new DockerSandboxProvider({ ...rest, image });
}
