import { describe, expect, it } from "vitest";
import { DockerStreamDemuxer, encodeRunRequest, ProtocolError, signalName, SupervisorFrameParser, type SupervisorFrame } from "./protocol";
import { packFiles } from "./driver";
import { SandboxError } from "./types";

const limits = { cpuMs: 1000, wallMs: 3000, outputBytes: 100 };

describe("encodeRunRequest", () => {
  it("writes the header, NUL-terminated argv and env, then raw stdin", () => {
    const bytes = encodeRunRequest({ argv: ["./main", "a b"], env: { K: "v=1" }, stdin: Buffer.from([0, 10, 255]), limits });
    const headerEnd = bytes.indexOf(10);
    expect(bytes.subarray(0, headerEnd).toString()).toBe("RUN 1000 3000 100 65536 67108864 256 2 1 17 3");
    expect(bytes.subarray(headerEnd + 1, headerEnd + 18).toString()).toBe("./main\0a b\0K=v=1\0");
    expect([...bytes.subarray(headerEnd + 18)]).toEqual([0, 10, 255]);
  });

  it("asks for a reset in the same request when resetFirst is set", () => {
    const bytes = encodeRunRequest({ argv: ["./main"], env: {}, stdin: Buffer.alloc(0), limits, resetFirst: true });
    expect(bytes.toString().split("\n")[0]).toBe("RESET RUN 1000 3000 100 65536 67108864 256 1 0 7 0");
  });

  it("counts argv/env bytes in UTF-8, not characters", () => {
    const bytes = encodeRunRequest({ argv: ["é"], env: {}, stdin: Buffer.alloc(0), limits });
    expect(bytes.toString().split("\n")[0]).toBe("RUN 1000 3000 100 65536 67108864 256 1 0 3 0");
  });

  it.each([
    [{ argv: [] as string[] }, /argv/],
    [{ argv: [""] }, /argv/],
    [{ argv: ["a\0b"] }, /NUL/],
    [{ env: { "A=B": "x" } }, /environment/],
    [{ env: { A: "x\0" } }, /NUL/],
    [{ limits: { ...limits, cpuMs: 0 } }, /cpuMs/],
    [{ limits: { ...limits, wallMs: 1.5 } }, /wallMs/],
    [{ limits: { ...limits, outputBytes: -1 } }, /outputBytes/],
    [{ limits: { ...limits, openFiles: 2 } }, /openFiles/],
    [{ limits: { ...limits, cpuMs: Number.NaN } }, /cpuMs/],
  ])("rejects %j", (change, message) => {
    expect(() => encodeRunRequest({ argv: ["x"], env: {}, stdin: Buffer.alloc(0), limits, ...change })).toThrow(message);
  });
});

describe("SupervisorFrameParser", () => {
  const stream = Buffer.concat([
    Buffer.from("READY 1\nO 5\nab\ncdE 3\nerrO 0\n"),
    Buffer.from("R signaled -1 11 12 34 5678 5 3 7\nK\n"),
    Buffer.from("X malformed request header\n"),
  ]);

  function collect(frames: SupervisorFrame[]) {
    const out = { stdout: "", stderr: "", other: [] as SupervisorFrame[] };
    for (const f of frames) {
      if (f.kind === "stdout") out.stdout += f.data.toString("latin1");
      else if (f.kind === "stderr") out.stderr += f.data.toString("latin1");
      else out.other.push(f);
    }
    return out;
  }

  const expected = {
    stdout: "ab\ncd",
    stderr: "err",
    other: [
      { kind: "ready", version: 1 },
      {
        kind: "result",
        result: {
          stoppedBy: "signaled",
          exitCode: null,
          signal: "SIGSEGV",
          cpuMs: 12,
          wallMs: 34,
          peakKb: 5678,
          stdoutTotal: 5,
          stderrTotal: 3,
          waitedMs: 7,
        },
      },
      { kind: "ok" },
      { kind: "error", message: "malformed request header" },
    ],
  };

  it("parses a whole stream", () => {
    expect(collect(new SupervisorFrameParser().push(stream))).toEqual(expected);
  });

  it("gives the same frames however the stream is split", () => {
    for (const size of [1, 2, 3, 7, 13]) {
      const parser = new SupervisorFrameParser();
      const frames: SupervisorFrame[] = [];
      for (let i = 0; i < stream.length; i += size) frames.push(...parser.push(stream.subarray(i, i + size)));
      expect(collect(frames)).toEqual(expected);
    }
  });

  it("keeps payload bytes that look like frames as data", () => {
    const frames = new SupervisorFrameParser().push(Buffer.from("O 15\nR exited 0 0\nX\nR exited 0 0 1 2 3 15 0 0\n"));
    expect(collect(frames).stdout).toBe("R exited 0 0\nX\n");
    expect(collect(frames).other).toHaveLength(1);
  });

  it("reports an exit code and no signal for a normal exit", () => {
    const [frame] = new SupervisorFrameParser().push(Buffer.from("R exited 3 0 1 2 3 0 0 0\n"));
    expect(frame).toMatchObject({ kind: "result", result: { stoppedBy: "exited", exitCode: 3, signal: null } });
  });

  it.each([
    "Z 1\n",
    "O -1\n",
    "O 1 2\n",
    "R exploded 0 0 0 0 0 0 0 0\n",
    "R exited 0 0 0 0 0 0 0\n",
    "R exited 0 0 0 x 0 0 0 0\n",
    "K 1\n",
  ])("rejects %j", (text) => {
    expect(() => new SupervisorFrameParser().push(Buffer.from(text))).toThrow(ProtocolError);
  });

  it("rejects an endless header line instead of buffering it", () => {
    expect(() => new SupervisorFrameParser().push(Buffer.alloc(600, 65))).toThrow(/too long/);
  });
});

describe("DockerStreamDemuxer", () => {
  function frame(type: number, text: string): Buffer {
    const header = Buffer.alloc(8);
    header[0] = type;
    header.writeUInt32BE(Buffer.byteLength(text), 4);
    return Buffer.concat([header, Buffer.from(text)]);
  }

  it("splits stdout and stderr across arbitrary chunk boundaries", () => {
    const bytes = Buffer.concat([frame(1, "hello"), frame(2, "oops"), frame(1, "")]);
    const demuxer = new DockerStreamDemuxer();
    const parts = [];
    for (let i = 0; i < bytes.length; i += 3) parts.push(...demuxer.push(bytes.subarray(i, i + 3)));
    expect(parts.map((p) => [p.stream, p.data.toString()])).toEqual([
      ["stdout", "hello"],
      ["stderr", "oops"],
      ["stdout", ""],
    ]);
  });

  it("rejects an unknown stream type", () => {
    expect(() => new DockerStreamDemuxer().push(frame(7, "x"))).toThrow(ProtocolError);
  });
});

describe("signalName", () => {
  it("names common signals", () => {
    expect([signalName(9), signalName(11), signalName(25), signalName(6)]).toEqual(["SIGKILL", "SIGSEGV", "SIGXFSZ", "SIGABRT"]);
    expect(signalName(200)).toBe("SIG200");
  });
});

describe("packFiles", () => {
  it.each(["../x", "/etc/passwd", "a/../../x", "", "a//b", "./a", "a\\b", "a\0b"])("refuses %j", (path) => {
    expect(() => packFiles([{ path, content: "x" }])).toThrow(SandboxError);
  });

  it("accepts nested relative paths", () => {
    expect(() =>
      packFiles([
        { path: "out/x/main.js", content: "x" },
        { path: "out/y", content: Buffer.from("y") },
      ]),
    ).not.toThrow();
  });
});
