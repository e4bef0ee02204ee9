import { describe, expect, it } from "vitest";
import { SandboxError } from "../sandbox/types";
import { isNoSpaceError } from "./disk-check";

describe("isNoSpaceError", () => {
  it("recognises ENOSPC from Node, from the Docker engine's answer, and wrapped in a SandboxError", () => {
    expect(isNoSpaceError(Object.assign(new Error("write failed"), { code: "ENOSPC" }))).toBe(true);
    const engine = Object.assign(new Error("(HTTP code 500) server error"), {
      json: { message: "mkdir /var/lib/docker/overlay2/abc-init: no space left on device" },
    });
    expect(isNoSpaceError(engine)).toBe(true);
    expect(isNoSpaceError(new SandboxError("creating a sandbox container failed: x", { cause: engine }))).toBe(true);
  });

  it("is false for other failures", () => {
    expect(isNoSpaceError(new SandboxError("sandbox abc closed its stream (container died)"))).toBe(false);
    expect(isNoSpaceError(Object.assign(new Error("connect ENOENT /var/run/docker.sock"), { code: "ENOENT" }))).toBe(false);
    expect(isNoSpaceError(undefined)).toBe(false);
  });
});
