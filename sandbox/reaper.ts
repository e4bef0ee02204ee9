/**
 * Removes sandbox containers nobody will ever close: those whose worker is dead (its
 * lease expired, or, for containers without a lease, its process on this host is gone)
 * and any older than maxAgeMs. Run by the provider at start and periodically; safe to run
 * from several workers at once, on any host.
 */
import os from "node:os";
import type Docker from "dockerode";

export const SANDBOX_LABEL = "coderunner.sandbox";
export const OWNER_LABEL = "coderunner.owner";
export const CREATED_LABEL = "coderunner.created";
/** `<store>/<id>` of the creating worker's lease (see SandboxLease). */
export const LEASE_LABEL = "coderunner.lease";

/**
 * A worker's heartbeat, kept somewhere every worker can see (Redis: worker/sandbox-lease.ts).
 * A SIGKILLed worker never closes its containers, and its host name and pid mean nothing
 * when it runs in a container itself; an expired lease means the same on any deployment.
 */
export interface SandboxLease {
  /** This worker's lease, written into LEASE_LABEL of every container it creates. */
  label: string;
  /** Where leases live: only labels starting with `<store>/` are judged by alive(). */
  store: string;
  /** Which of these lease labels are alive (heartbeat present) right now. */
  alive(labels: string[]): Promise<Set<string>>;
  /** Containers younger than this are not judged by their lease (its first beat may be in flight). */
  graceMs: number;
}

/** The owner label of containers created by this process: `<hostname>/<pid>`. */
export function ownerLabel(): string {
  return `${os.hostname()}/${process.pid}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the owner ran on this host and is gone. Other hosts' containers are judged by age only. */
function ownerIsDead(owner: string | undefined): boolean {
  const match = /^(.*)\/(\d+)$/.exec(owner ?? "");
  if (!match) return true; // unlabelled owner: nobody will close it
  return match[1] === os.hostname() && !processAlive(Number(match[2]));
}

export interface ReapOptions {
  maxAgeMs: number;
  /** Containers the caller is using right now (never removed, whatever their age). */
  keepIds?: ReadonlySet<string>;
  /** The caller's lease store: containers with an expired lease there are removed. */
  lease?: SandboxLease;
  now?: number;
}

/** Removes leftover sandbox containers and orphaned /box volumes; returns the container ids. */
export async function reapLeftovers(docker: Docker, options: ReapOptions): Promise<string[]> {
  const now = options.now ?? Date.now();
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  const removed: string[] = [];
  const { lease } = options;
  const judgedByLease = (label: string | undefined): label is string => !!lease && !!label && label.startsWith(`${lease.store}/`);
  const leaseLabels = [...new Set(containers.map((c) => c.Labels[LEASE_LABEL]).filter(judgedByLease))];
  const alive = lease && leaseLabels.length > 0 ? await lease.alive(leaseLabels) : new Set<string>();
  for (const info of containers) {
    if (options.keepIds?.has(info.Id)) continue;
    const created = Date.parse(info.Labels[CREATED_LABEL] ?? "") || info.Created * 1000;
    const leaseLabel = info.Labels[LEASE_LABEL];
    const dead = judgedByLease(leaseLabel)
      ? !alive.has(leaseLabel) && now - created >= lease!.graceMs
      : ownerIsDead(info.Labels[OWNER_LABEL]);
    if (!dead && now - created < options.maxAgeMs) continue;
    try {
      await docker.getContainer(info.Id).remove({ force: true, v: true });
      removed.push(info.Id);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw error; // gone already, or removal in progress
    }
  }
  // /box volumes whose container is gone (its removal failed half-way, or a daemon restart).
  const volumes = await docker.listVolumes({ filters: { label: [`${SANDBOX_LABEL}=1`], dangling: ["true"] } });
  for (const volume of volumes.Volumes ?? []) {
    await docker
      .getVolume(volume.Name)
      .remove()
      .catch(() => undefined); // in use again or gone: skip
  }
  return removed;
}
