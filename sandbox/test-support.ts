import { execFileSync } from "node:child_process";
import { ownerLabel } from "./reaper";

/**
 * Ids of sandbox containers this process created that still exist, one per line ("" when
 * none). Only this process's: other test files create their own at the same time.
 */
export function leftoverSandboxContainers(): string {
  const filters = ["--filter", "label=coderunner.sandbox=1", "--filter", `label=coderunner.owner=${ownerLabel()}`];
  return execFileSync("docker", ["ps", "-aq", ...filters], { encoding: "utf8" }).trim();
}
