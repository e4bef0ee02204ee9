/** What the benchmarks print about the machine beside their figures. */
import fs from "node:fs";
import path from "node:path";

/**
 * The CPU weight of the sandbox containers' parent cgroup (scripts/setup-system.sh raises
 * it): printed with the figures it affects. "default" when it is the kernel's default.
 */
export function containerCpuWeight(): string {
  for (const [file, fallback] of [
    ["/sys/fs/cgroup/cpu/docker/cpu.shares", "1024"],
    ["/sys/fs/cgroup/docker/cpu.weight", "100"],
  ] as const) {
    try {
      const value = fs.readFileSync(file, "utf8").trim();
      return value === fallback ? `${path.basename(file)} ${value} (default)` : `${path.basename(file)} ${value}`;
    } catch {
      // not this cgroup layout
    }
  }
  return "unknown (not cgroupfs)";
}
