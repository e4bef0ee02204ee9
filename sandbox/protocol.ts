/**
 * The trusted side of the supervisor protocol (sandbox/supervisor/supervise.c has the
 * other side and the full grammar). Pure functions and parsers: no Docker here, so every
 * byte-level rule is unit-tested.
 */
import os from "node:os";
import type { RunLimits, StopReason } from "./types";

export const DEFAULT_STDERR_BYTES = 64 * 1024;
export const DEFAULT_FILE_SIZE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_OPEN_FILES = 256;
/** Largest header line the supervisor writes; anything longer is a broken stream. */
const MAX_LINE = 512;

export interface EncodableRun {
  argv: string[];
  /** Complete environment of the program (the supervisor adds nothing). */
  env: Record<string, string>;
  stdin: Buffer;
  limits: RunLimits;
  /** RESET first, in the same request: the run happens only if the reset succeeded. */
  resetFirst?: boolean;
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

/** The bytes of one RUN request. Throws RangeError on input the supervisor would reject. */
export function encodeRunRequest(run: EncodableRun): Buffer {
  if (run.argv.length === 0 || run.argv[0] === "") throw new RangeError("argv must name a program");
  const strings: string[] = [...run.argv];
  for (const [key, value] of Object.entries(run.env)) {
    if (key === "" || key.includes("=")) throw new RangeError(`invalid environment variable name: ${JSON.stringify(key)}`);
    strings.push(`${key}=${value}`);
  }
  for (const s of strings) {
    if (s.includes("\0")) throw new RangeError("argv and env must not contain NUL bytes");
  }
  const block = Buffer.from(strings.map((s) => `${s}\0`).join(""), "utf8");
  const l = run.limits;
  const header = [
    run.resetFirst ? "RESET RUN" : "RUN",
    checkCount("cpuMs", l.cpuMs, 1),
    checkCount("wallMs", l.wallMs, 1),
    checkCount("outputBytes", l.outputBytes, 0),
    checkCount("stderrBytes", l.stderrBytes ?? DEFAULT_STDERR_BYTES, 0),
    checkCount("fileSizeBytes", l.fileSizeBytes ?? DEFAULT_FILE_SIZE_BYTES, 0),
    checkCount("openFiles", l.openFiles ?? DEFAULT_OPEN_FILES, 3),
    run.argv.length,
    strings.length - run.argv.length,
    block.length,
    run.stdin.length,
  ].join(" ");
  return Buffer.concat([Buffer.from(`${header}\n`, "ascii"), block, run.stdin]);
}

export interface RunSummary {
  stoppedBy: StopReason;
  exitCode: number | null;
  signal: string | null;
  cpuMs: number;
  wallMs: number;
  peakKb: number;
  stdoutTotal: number;
  stderrTotal: number;
  /** Run-queue wait (the host or the CPU quota starving the program), not counted in wallMs. */
  waitedMs: number;
}

export type SupervisorFrame =
  | { kind: "ready"; version: number }
  | { kind: "stdout"; data: Buffer }
  | { kind: "stderr"; data: Buffer }
  | { kind: "result"; result: RunSummary }
  | { kind: "ok" }
  | { kind: "error"; message: string };

const STOP_REASONS: readonly StopReason[] = ["exited", "signaled", "cpu-limit", "wall-limit", "memory-limit", "output-limit"];

const SIGNAL_NAMES = new Map<number, string>();
for (const [name, num] of Object.entries(os.constants.signals)) {
  if (!SIGNAL_NAMES.has(num)) SIGNAL_NAMES.set(num, name); // first name wins: SIGABRT, not its alias SIGIOT
}

/** "SIGSEGV" for 11 etc.; "SIG<n>" for numbers Node does not know. */
export function signalName(signal: number): string {
  return SIGNAL_NAMES.get(signal) ?? `SIG${signal}`;
}

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

function parseResult(fields: string[]): RunSummary {
  if (fields.length !== 9) throw new ProtocolError(`result frame has ${fields.length} fields, expected 9`);
  const [stop, ...rest] = fields as [string, ...string[]];
  if (!STOP_REASONS.includes(stop as StopReason)) throw new ProtocolError(`unknown stop reason ${JSON.stringify(stop)}`);
  const nums = rest.map((f) => {
    if (!/^-?\d+$/.test(f)) throw new ProtocolError(`non-numeric result field ${JSON.stringify(f)}`);
    return Number(f);
  });
  const [exitCode, signal, cpuMs, wallMs, peakKb, stdoutTotal, stderrTotal, waitedMs] = nums as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    stoppedBy: stop as StopReason,
    exitCode: exitCode >= 0 ? exitCode : null,
    signal: signal > 0 ? signalName(signal) : null,
    cpuMs,
    wallMs,
    peakKb,
    stdoutTotal,
    stderrTotal,
    waitedMs,
  };
}

/**
 * Incremental parser of the supervisor's stdout. Feed it chunks as they arrive, in any
 * split; it returns the complete frames. Throws ProtocolError on anything malformed (the
 * session is then unusable: the caller kills the container).
 */
export class SupervisorFrameParser {
  private buffered: Buffer = Buffer.alloc(0);
  /** Bytes of an O/E payload still expected, and which stream it belongs to. */
  private payload: { kind: "stdout" | "stderr"; remaining: number } | null = null;

  push(chunk: Buffer): SupervisorFrame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: SupervisorFrame[] = [];
    for (;;) {
      if (this.payload) {
        if (this.buffered.length === 0) break;
        const take = Math.min(this.payload.remaining, this.buffered.length);
        frames.push({ kind: this.payload.kind, data: this.buffered.subarray(0, take) });
        this.buffered = this.buffered.subarray(take);
        this.payload.remaining -= take;
        if (this.payload.remaining === 0) this.payload = null;
        continue;
      }
      const newline = this.buffered.indexOf(0x0a);
      if (newline < 0) {
        if (this.buffered.length > MAX_LINE) throw new ProtocolError("supervisor header line too long");
        break;
      }
      const line = this.buffered.subarray(0, newline).toString("utf8");
      this.buffered = this.buffered.subarray(newline + 1);
      const frame = this.parseLine(line);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  private parseLine(line: string): SupervisorFrame | null {
    const [tag, ...fields] = line.split(" ");
    switch (tag) {
      case "READY":
        return { kind: "ready", version: Number(fields[0]) };
      case "O":
      case "E": {
        if (fields.length !== 1 || !/^\d+$/.test(fields[0]!)) throw new ProtocolError(`bad chunk header ${JSON.stringify(line)}`);
        const remaining = Number(fields[0]);
        if (remaining > 0) this.payload = { kind: tag === "O" ? "stdout" : "stderr", remaining };
        return null;
      }
      case "R":
        return { kind: "result", result: parseResult(fields) };
      case "X":
        return { kind: "error", message: fields.join(" ") };
      case "K":
        if (fields.length !== 0) throw new ProtocolError(`bad ok frame ${JSON.stringify(line.slice(0, 80))}`);
        return { kind: "ok" };
      default:
        throw new ProtocolError(`unknown supervisor frame ${JSON.stringify(line.slice(0, 80))}`);
    }
  }
}

/**
 * Splits Docker's multiplexed attach stream (Tty false): 8-byte headers
 * [stream, 0, 0, 0, size (uint32 BE)] followed by size bytes of that stream.
 */
export class DockerStreamDemuxer {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Array<{ stream: "stdout" | "stderr"; data: Buffer }> {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const out: Array<{ stream: "stdout" | "stderr"; data: Buffer }> = [];
    while (this.buffered.length >= 8) {
      const type = this.buffered[0];
      const size = this.buffered.readUInt32BE(4);
      if (type !== 1 && type !== 2) throw new ProtocolError(`unexpected Docker stream type ${type}`);
      if (this.buffered.length < 8 + size) break;
      out.push({ stream: type === 1 ? "stdout" : "stderr", data: this.buffered.subarray(8, 8 + size) });
      this.buffered = this.buffered.subarray(8 + size);
    }
    return out;
  }
}
