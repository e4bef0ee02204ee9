import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { debianMirrorFrom, runnerImageTag } from "./build-images";

describe("debianMirrorFrom", () => {
  it("takes the first non-security URI of a deb822 file", () => {
    const sources = [
      "Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\nComponents: main\n",
      "Types: deb\n# comment\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n",
    ];
    expect(debianMirrorFrom(sources, null)).toBe("http://mirror.example/debian");
  });

  it("skips disabled stanzas and falls back to sources.list", () => {
    const sources = ["Enabled: no\nTypes: deb\nURIs: http://off.example/debian\nSuites: bookworm\n"];
    const list =
      "# deb http://commented.example/debian bookworm main\ndeb http://sec.example/debian-security bookworm-security main\ndeb [arch=amd64] http://list.example/debian bookworm main\n";
    expect(debianMirrorFrom(sources, list)).toBe("http://list.example/debian");
  });

  it("returns null when nothing is configured", () => {
    expect(debianMirrorFrom([], null)).toBeNull();
    expect(debianMirrorFrom(["Types: deb\nURIs: cdrom:/media\nSuites: bookworm\n"], "")).toBeNull();
  });
});

describe("runnerImageTag", () => {
  it("is a stable content hash of the image inputs", () => {
    const tag = runnerImageTag();
    expect(tag).toMatch(/^coderunner-runner:[0-9a-f]{12}$/);
    expect(runnerImageTag()).toBe(tag);
    expect(fs.existsSync(new URL("./images/runner/Dockerfile", import.meta.url))).toBe(true);
  });
});
