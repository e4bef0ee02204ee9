// Over real HTTP against `next start`: a chunked body with no Content-Length is refused
// at the cap while it streams (413), and the server's memory stays flat.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test } from "../fixtures";

const MiB = 1024 * 1024;

/** The PID of the server listening on `port` (via `ss`), or null where it cannot be found. */
function serverPid(port: number): number | null {
  try {
    const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

/** POSTs up to `total` bytes in chunks (Transfer-Encoding: chunked); stops sending as soon as a response arrives. */
function postChunked(baseURL: string, path: string, contentType: string, total: number) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const url = new URL(path, baseURL);
    const chunk = Buffer.alloc(256 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { "content-type": contentType } }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    expect(req.getHeader("content-length")).toBeUndefined();
    pump();
  });
}

for (const [route, path, contentType, cap] of [
  ["tRPC", "/api/trpc/submission.run", "application/json", "8 MiB"],
  ["next-auth", "/api/auth/callback/credentials", "application/x-www-form-urlencoded", "64 KiB"],
] as const) {
  test(`${route}: a 100 MiB chunked body is refused at the ${cap} cap with 413, server memory flat`, async ({ baseURL }) => {
    const pid = serverPid(Number(new URL(baseURL!).port));
    // A small request first, so loading the route's code is not counted as growth.
    await fetch(new URL(path, baseURL), { method: "POST", headers: { "content-type": contentType }, body: "{}" });
    const before = pid ? rssKb(pid) : 0;
    const result = await postChunked(baseURL!, path, contentType, 100 * MiB);
    expect(result.status).toBe(413);
    expect(result.body).toContain(`The request is larger than ${cap}.`);
    // Refused while streaming: the client had not sent the whole body when the answer came.
    expect(result.sent).toBeLessThan(60 * MiB);
    if (pid) expect(rssKb(pid) - before).toBeLessThan(48 * 1024);
  });
}
