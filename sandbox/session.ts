/**
 * One sandbox container and the conversation with its PID-1 supervisor
 * (sandbox/supervisor/supervise.c): files in, runs as requests over the attached
 * stdin/stdout, results as frames back. The provider (driver.ts) creates, pools and
 * removes these; see sandbox/README.md for the design.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type Docker from "dockerode";
import tar from "tar-stream";
import {
  DEFAULT_STDERR_BYTES,
  DockerStreamDemuxer,
  encodeRunRequest,
  SupervisorFrameParser,
  type RunSummary,
  type SupervisorFrame,
} from "./protocol";
import { withTimeout } from "../src/judge/timeout";
import { SandboxError, type FileToPut, type RunRequest, type RunResult, type SandboxSession } from "./types";

export const MiB = 1024 * 1024;
export const SANDBOX_UID = 10001;
/** The program's environment before the language's own variables; never a secret. */
export const BASE_ENV: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  LANG: "C.UTF-8",
  HOME: "/box",
  TMPDIR: "/tmp",
};
/** Slack on top of a run's hard wall bound before the trusted side gives up on the supervisor. */
const ANSWER_GRACE_MS = 15_000;
/**
 * The supervisor does not count run-queue wait against the wall limit, but ends any run
 * after this much real time (and answers "X host too busy"): supervise.c `hard_ms`.
 */
export const hardWallMs = (wallMs: number) => wallMs * 10 + 30_000;
/** SEAL/RESET remove what a program left (at most a full /box and /tmp): generous. */
const HOUSEKEEPING_TIMEOUT_MS = 120_000;
/** Bytes beyond the limits the supervisor may send before we call it a broken stream. */
const BYTES_MARGIN = 64 * 1024;
const READY_TIMEOUT_MS = 30_000;
export const MIN_MEMORY_MB = 16;

function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The whole of a stream, as one buffer. */
async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Tar of the files for /box, owned by the sandbox user. Rejects any path leaving /box. */
export function packFiles(files: FileToPut[]): tar.Pack {
  const pack = tar.pack();
  const directories = new Set<string>();
  for (const file of files) {
    const parts = file.path.split("/");
    if (
      file.path === "" ||
      file.path.startsWith("/") ||
      file.path.includes("\0") ||
      file.path.includes("\\") ||
      parts.some((p) => p === "" || p === "." || p === "..")
    ) {
      throw new SandboxError(`Refusing file path ${JSON.stringify(file.path)}: must be relative to /box without "..", "." or empty parts`);
    }
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/");
      if (directories.has(dir)) continue;
      directories.add(dir);
      pack.entry({ name: dir, type: "directory", mode: 0o755, uid: SANDBOX_UID, gid: SANDBOX_UID });
    }
    const content = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
    pack.entry({ name: file.path, mode: file.mode ?? 0o644, uid: SANDBOX_UID, gid: SANDBOX_UID }, content);
  }
  pack.finalize();
  return pack;
}

interface PendingRun {
  /** A control request (SEAL, RESET, MEM) expects "K", a run expects "R". */
  control: boolean;
  stdout: Buffer[];
  stderr: Buffer[];
  stdoutBytes: number;
  stderrBytes: number;
  outputLimit: number;
  stderrLimit: number;
  /** performance.now() when the supervisor began on it (it became the head of the line). */
  startedAt: number;
  /** How long the supervisor may take over it, counted from then (our own deadline). */
  timeoutMs: number;
  /** What the deadline says when it passes. */
  timeoutMessage: string;
  timer?: NodeJS.Timeout;
  /** Settles with the answer. */
  promise: Promise<RunSummary | null>;
  resolve: (summary: RunSummary | null) => void;
  reject: (error: Error) => void;
}

export class DockerSandboxSession implements SandboxSession {
  readonly id: string;
  memoryMb: number;
  private readonly demuxer = new DockerStreamDemuxer();
  private readonly parser = new SupervisorFrameParser();
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private markBroken!: (error: Error) => void;
  private failure: SandboxError | null = null;
  /**
   * Requests written to the supervisor and not answered yet, oldest first. The supervisor
   * answers them in order, so frames belong to the head; several may be in flight
   * (pipelined), which hides the request's trip through Docker behind the run before it.
   */
  private readonly inflight: PendingRun[] = [];
  /** Orders the writes (and setMemoryLimit, which waits for everything before it). */
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by close(): the container's removal, finishing in the background. */
  private closing: Promise<void> | null = null;

  constructor(
    private readonly container: Docker.Container,
    private readonly stream: NodeJS.ReadWriteStream,
    memoryMb: number,
    private readonly onClosed: (session: DockerSandboxSession) => void,
    private readonly log: (message: string) => void,
    /**
     * False under gVisor: Debian's runsc (2022) has no `update` command, so the container
     * keeps its creation-time memory cap and the judge decides MLE from the measured peak.
     */
    private readonly liveMemoryUpdate = true,
  ) {
    this.id = container.id;
    this.memoryMb = memoryMb;
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.markBroken = reject;
    });
    this.ready.catch(() => undefined);
    stream.on("data", (chunk: Buffer) => this.onData(chunk));
    stream.on("end", () => void this.onStreamEnd());
    stream.on("error", (error: Error) =>
      this.fail(new SandboxError(`sandbox ${this.shortId} stream error: ${error.message}`, { cause: error })),
    );
  }

  get shortId(): string {
    return this.id.slice(0, 12);
  }

  /** False once the supervisor or its stream has failed, or the session was closed. */
  get usable(): boolean {
    return this.failure === null && this.closing === null;
  }

  async waitReady(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SandboxError(`sandbox ${this.shortId}: supervisor not ready after ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private onData(chunk: Buffer): void {
    try {
      for (const part of this.demuxer.push(chunk)) {
        if (part.stream === "stderr") {
          this.log(`sandbox ${this.shortId} supervisor: ${part.data.toString("utf8", 0, 500).trimEnd()}`);
          continue;
        }
        for (const frame of this.parser.push(part.data)) this.onFrame(frame);
      }
    } catch (error) {
      this.fail(new SandboxError(`sandbox ${this.shortId}: ${describe(error)}`, { cause: error }));
    }
  }

  private onFrame(frame: SupervisorFrame): void {
    if (frame.kind === "ready") return this.markReady();
    const run = this.inflight[0];
    if (!run) throw new SandboxError(`unexpected ${frame.kind} frame with no run in progress`);
    switch (frame.kind) {
      case "stdout":
      case "stderr": {
        const isOut = frame.kind === "stdout";
        const total = (isOut ? run.stdoutBytes : run.stderrBytes) + frame.data.length;
        // The supervisor caps both streams; more than the cap (plus slack) is a broken stream.
        if (total > (isOut ? run.outputLimit : run.stderrLimit) + BYTES_MARGIN) {
          throw new SandboxError(`supervisor sent more ${frame.kind} than the limit`);
        }
        // Copy: the frame is a view into a socket buffer.
        (isOut ? run.stdout : run.stderr).push(Buffer.from(frame.data));
        if (isOut) run.stdoutBytes = total;
        else run.stderrBytes = total;
        return;
      }
      case "result":
      case "ok":
        if ((frame.kind === "ok") !== run.control) throw new SandboxError(`unexpected ${frame.kind} frame`);
        this.answered(run);
        return run.resolve(frame.kind === "result" ? frame.result : null);
      case "error":
        this.answered(run);
        return run.reject(new SandboxError(`supervisor refused the run: ${frame.message}`));
    }
  }

  /** The session is broken: fail what is waiting and remove the container. */
  /**
   * The container is gone. If its memory cgroup's OOM killer ended it during a run, the
   * program being run caused that (the supervisor itself needs almost no memory, but it is
   * the last process left once the program's tmpfs files pin the cgroup at its limit): that
   * run is a memory-limit stop, not an infrastructure failure. The session is over either way.
   */
  private async onStreamEnd(): Promise<void> {
    const run = this.inflight[0];
    if (run && !run.control && !this.failure && !this.closing) {
      const oomKilled = await this.wasOomKilled();
      if (oomKilled && this.inflight[0] === run) {
        this.answered(run);
        run.resolve({
          stoppedBy: "memory-limit",
          exitCode: null,
          signal: "SIGKILL",
          cpuMs: 0,
          wallMs: Math.round(performance.now() - run.startedAt),
          peakKb: this.memoryMb * 1024,
          stdoutTotal: run.stdoutBytes,
          stderrTotal: run.stderrBytes,
          waitedMs: 0,
        });
      }
    }
    this.fail(new SandboxError(`sandbox ${this.shortId} closed its stream (container died)`));
  }

  /**
   * Whether Docker says the container was OOM-killed. Its flag comes from an event that can
   * land just after the exit, so it is asked three times; an engine that is going down may
   * not answer at all, so each ask gives up after a second (then: not an OOM kill).
   */
  private async wasOomKilled(): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await sleep(100);
      const info = await withTimeout(this.container.inspect(), 1000).catch(() => null);
      if (!info) return false;
      if (info.State?.OOMKilled === true) return true;
    }
    return false;
  }

  private fail(error: SandboxError): void {
    if (this.failure || this.closing) return;
    this.failure = error;
    this.markBroken(error);
    this.rejectInflight(error);
    void this.close();
  }

  /**
   * Files into /box, unpacked by `tar` run like any program: as uid 10001 with no
   * capability, under limits, through the supervisor. A run costs a few milliseconds where
   * Docker's archive API took 50–300 ms, and nothing of the trusted side (not even
   * dockerd) touches the container's files. GNU tar replaces a planted symlink (to a file or
   * to a directory) instead of following it, and could only reach what the program itself can.
   */
  async putFiles(files: FileToPut[]): Promise<void> {
    this.assertUsable();
    const pack = packFiles(files); // a bad path throws here, before anything is sent
    const largest = Math.max(0, ...files.map((f) => (typeof f.content === "string" ? Buffer.byteLength(f.content) : f.content.length)));
    // Queued at once, in call order: a run asked for after putFiles() (the compile) is
    // written right behind it, without waiting for this answer.
    const extracted = this.enqueue(
      async () => ({
        argv: ["tar", "-x", "-p", "-f", "-", "-C", "/box"],
        stdin: await collect(pack),
        limits: { cpuMs: 20_000, wallMs: 60_000, outputBytes: 4096, stderrBytes: 4096, fileSizeBytes: largest + MiB },
      }),
      false,
    );
    let result: RunResult;
    try {
      result = await extracted;
    } catch (error) {
      if (error instanceof SandboxError) throw error;
      throw new SandboxError(`putFiles into sandbox ${this.shortId} failed: ${describe(error)}`, { cause: error });
    }
    if (result.stoppedBy !== "exited" || result.exitCode !== 0) {
      const why = result.stoppedBy === "exited" ? `exit code ${result.exitCode}` : result.stoppedBy;
      throw new SandboxError(`putFiles into sandbox ${this.shortId} failed (${why}): ${result.stderr.toString("utf8", 0, 500).trim()}`);
    }
  }

  async setMemoryLimit(memoryMb: number): Promise<void> {
    this.assertUsable();
    if (!Number.isInteger(memoryMb) || memoryMb < MIN_MEMORY_MB) {
      throw new SandboxError(`memory limit must be an integer >= ${MIN_MEMORY_MB} MiB, got ${memoryMb}`);
    }
    if (memoryMb === this.memoryMb) return;
    if (!this.liveMemoryUpdate) {
      // The container keeps its creation-time cap (a ceiling); the supervisor enforces the
      // new limit by polling the programs' resident memory every tick.
      await this.control(`MEM ${memoryMb * 1024}`, 10_000);
      this.memoryMb = memoryMb;
      return;
    }
    // A barrier: every request written before it is answered first, and none after it is
    // written until the new limit is in place (runs are otherwise pipelined).
    const updated = this.queue.then(async () => {
      await this.idle();
      this.assertUsable();
      let response: { Warnings?: string[] | null };
      try {
        response = (await this.container.update({ Memory: memoryMb * MiB, MemorySwap: memoryMb * MiB })) as typeof response;
      } catch (error) {
        throw new SandboxError(`setting sandbox ${this.shortId} memory to ${memoryMb} MiB failed: ${describe(error)}`, { cause: error });
      }
      if (response?.Warnings?.length) {
        throw new SandboxError(`Docker warned while setting the memory limit: ${response.Warnings.join("; ")}`);
      }
      this.memoryMb = memoryMb;
    });
    this.queue = updated.catch(() => undefined);
    await updated;
  }

  run(request: RunRequest, options: { resetFirst?: boolean } = {}): Promise<RunResult> {
    return this.enqueue(() => request, options.resetFirst === true);
  }

  /**
   * The supervisor runs one program at a time, in the order the requests were written;
   * this one is written as soon as those before it are (their answers are not awaited).
   */
  private enqueue(request: () => RunRequest | Promise<RunRequest>, resetFirst: boolean): Promise<RunResult> {
    const written = this.queue.then(async () => this.sendRun(await request(), resetFirst));
    this.queue = written.catch(() => undefined);
    return written.then((answer) => answer());
  }

  seal(): Promise<void> {
    return this.control("SEAL", HOUSEKEEPING_TIMEOUT_MS);
  }

  reset(): Promise<void> {
    return this.control("RESET", HOUSEKEEPING_TIMEOUT_MS);
  }

  /** One control request, in turn with runs; "X" is a SandboxError (the judge's problem). */
  private control(line: string, timeoutMs: number): Promise<void> {
    const written = this.queue.then(async () => {
      this.assertUsable();
      await this.waitReady();
      const run = this.newPending(true, 0, 0, timeoutMs, `no answer to ${line} within ${timeoutMs} ms`);
      run.promise.catch(() => undefined); // awaited below; never unhandled meanwhile
      this.send(run, Buffer.from(`${line}\n`, "ascii"));
      return () => run.promise;
    });
    this.queue = written.catch(() => undefined);
    return written
      .then((answer) => answer())
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof SandboxError && /supervisor refused/.test(error.message)) {
            throw new SandboxError(
              `sandbox ${this.shortId}: ${line} failed: ${error.message.replace(/^supervisor refused the run: /, "")}`,
            );
          }
          throw error;
        },
      );
  }

  /** Writes a request and puts it in line; the head of the line gets its deadline. */
  private send(run: PendingRun, bytes: Buffer): void {
    this.inflight.push(run);
    if (this.inflight.length === 1) this.startDeadline(run);
    this.stream.write(bytes);
  }

  private startDeadline(run: PendingRun): void {
    run.startedAt = performance.now();
    run.timer = setTimeout(() => this.fail(new SandboxError(`sandbox ${this.shortId}: ${run.timeoutMessage}`)), run.timeoutMs);
  }

  /** The head was answered: the next request in line is the supervisor's now. */
  private answered(run: PendingRun): void {
    clearTimeout(run.timer);
    if (this.inflight[0] === run) this.inflight.shift();
    const next = this.inflight[0];
    if (next) this.startDeadline(next);
  }

  private rejectInflight(error: Error): void {
    for (const run of this.inflight.splice(0)) {
      clearTimeout(run.timer);
      run.reject(error);
    }
  }

  /** Resolves once every request written so far has been answered (or failed). */
  private async idle(): Promise<void> {
    await Promise.allSettled(this.inflight.map((run) => run.promise));
  }

  private newPending(control: boolean, outputLimit: number, stderrLimit: number, timeoutMs: number, timeoutMessage: string): PendingRun {
    let resolve!: PendingRun["resolve"];
    let reject!: PendingRun["reject"];
    const promise = new Promise<RunSummary | null>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return {
      control,
      stdout: [],
      stderr: [],
      stdoutBytes: 0,
      stderrBytes: 0,
      outputLimit,
      stderrLimit,
      startedAt: performance.now(),
      timeoutMs,
      timeoutMessage,
      resolve,
      reject,
      promise,
    };
  }

  /** Writes one run request; resolves (once written) to a function awaiting its result. */
  private async sendRun(request: RunRequest, resetFirst: boolean): Promise<() => Promise<RunResult>> {
    this.assertUsable();
    const stdin = typeof request.stdin === "string" ? Buffer.from(request.stdin, "utf8") : (request.stdin ?? Buffer.alloc(0));
    const bytes = encodeRunRequest({ argv: request.argv, env: { ...BASE_ENV, ...request.env }, stdin, limits: request.limits, resetFirst });
    await this.waitReady();
    const outputLimit = request.limits.outputBytes;
    const stderrLimit = request.limits.stderrBytes ?? DEFAULT_STDERR_BYTES;
    // Defense in depth: our own deadline in case the supervisor hangs or lies about time.
    const deadlineMs =
      hardWallMs(request.limits.wallMs) +
      ANSWER_GRACE_MS +
      Math.ceil(stdin.length / MiB) * 100 +
      (resetFirst ? HOUSEKEEPING_TIMEOUT_MS : 0);
    const run = this.newPending(false, outputLimit, stderrLimit, deadlineMs, `no answer within ${deadlineMs} ms`);
    const answered = run.promise as Promise<RunSummary>;
    answered.catch(() => undefined); // awaited by the caller's answer(); never unhandled meanwhile
    this.send(run, bytes);
    return async () => {
      const summary = await answered;
      return {
        stoppedBy: summary.stoppedBy,
        exitCode: summary.exitCode,
        signal: summary.signal,
        cpuMs: summary.cpuMs,
        wallMs: summary.wallMs,
        waitedMs: summary.waitedMs,
        peakKb: summary.peakKb,
        stdout: Buffer.concat(run.stdout).subarray(0, outputLimit),
        stdoutTruncated: summary.stdoutTotal > outputLimit,
        stderr: Buffer.concat(run.stderr).subarray(0, stderrLimit),
        stderrTruncated: summary.stderrTotal > stderrLimit,
      };
    };
  }

  private assertUsable(): void {
    if (this.failure) throw this.failure;
    if (this.closing) throw new SandboxError(`sandbox ${this.shortId} is closed`);
  }

  /**
   * Ends the session at once: no run can start, the supervisor gets EOF and kills
   * everything. The container's removal (~0.1 s) continues off the critical path; the
   * provider's shutdown() waits for it, and whenRemoved() exposes it.
   */
  close(): Promise<void> {
    if (!this.closing) {
      // Set before remove() runs: stream events it triggers must see the session as closing.
      let removed!: () => void;
      this.closing = new Promise<void>((resolve) => (removed = resolve));
      void this.remove().finally(removed);
    }
    return Promise.resolve();
  }

  /** Resolves once the container is gone (after close()); never rejects. */
  whenRemoved(): Promise<void> {
    return this.closing ?? this.close().then(() => this.closing!);
  }

  private async remove(): Promise<void> {
    const error = new SandboxError(`sandbox ${this.shortId} is closed`);
    this.markBroken(error);
    this.rejectInflight(error);
    try {
      this.stream.end();
      (this.stream as unknown as { destroy?: () => void }).destroy?.();
    } catch {
      // the socket may be gone already
    }
    try {
      await this.container.remove({ force: true, v: true });
    } catch (removeError) {
      // 404: already gone. Anything else: the reaper will get it; close() never throws.
      if (!isNotFound(removeError) && (removeError as { statusCode?: number }).statusCode !== 409)
        this.log(`removing sandbox ${this.shortId} failed: ${describe(removeError)}`);
    } finally {
      this.onClosed(this);
    }
  }
}
