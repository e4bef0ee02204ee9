/**
 * Is the disk the Docker engine writes to full? A full disk makes every container creation
 * fail ("no space left on device"), which would otherwise burn each job's attempts and end
 * in IE. Checked with every heartbeat (worker/ops.ts): a failing check is reported like a
 * missing runner image — an error line, the heartbeat's message, `/api/health` — and the
 * worker pauses until it passes again.
 *
 * Two signals:
 * - free space under the engine's data root (`docker info` → DockerRootDir), when this
 *   process can see that directory (the worker runs on the engine's host);
 * - a job that failed with ENOSPC: from then on each check creates (and removes) a container
 *   from the runner image, which is what fails on a full disk wherever the worker runs.
 */
import { statfs } from "node:fs/promises";
import type Docker from "dockerode";
import { CREATED_LABEL, OWNER_LABEL, SANDBOX_LABEL, ownerLabel } from "../sandbox/reaper";

/** Below this much free space the engine soon cannot create sandbox containers. */
export const MIN_FREE_DISK_BYTES = 256 * 1024 * 1024;

/** True for "no space left on device" anywhere in the error or its causes. */
export function isNoSpaceError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as NodeJS.ErrnoException).code === "ENOSPC") return true;
    // dockerode puts the engine's own message in `json`.
    const text = `${e instanceof Error ? e.message : String(e)} ${JSON.stringify((e as { json?: unknown }).json ?? "")}`;
    if (/no space left on device|ENOSPC/i.test(text)) return true;
  }
  return false;
}

export interface DiskCheckOptions {
  docker: Docker;
  /** The runner image (the probe creates a container from it); no probe without it. */
  image?: string;
  /** Directories whose file system must keep room; default the engine's data root. */
  paths?: string[];
  minFreeBytes?: number;
}

const mib = (bytes: number) => Math.floor(bytes / (1024 * 1024));

export function createDiskCheck(options: DiskCheckOptions) {
  const minFree = options.minFreeBytes ?? MIN_FREE_DISK_BYTES;
  let paths: Promise<string[]> | undefined;
  let suspect = false;

  const watchedPaths = () =>
    (paths ??= options.paths
      ? Promise.resolve(options.paths)
      : options.docker.info().then(
          (info: { DockerRootDir?: string }) => (info.DockerRootDir ? [info.DockerRootDir] : []),
          () => {
            paths = undefined; // ask again next time
            return [];
          },
        ));

  const probe = async (): Promise<boolean> => {
    const container = await options.docker.createContainer({
      Image: options.image,
      Cmd: ["true"],
      NetworkDisabled: true,
      Labels: { [SANDBOX_LABEL]: "1", [OWNER_LABEL]: ownerLabel(), [CREATED_LABEL]: new Date().toISOString() },
      HostConfig: { NetworkMode: "none" },
    });
    await container.remove({ force: true }).catch(() => undefined);
    return true;
  };

  return {
    /** Remembers a job failure: after an ENOSPC, checks probe the engine until one succeeds. */
    noteFailure(error: unknown) {
      if (isNoSpaceError(error)) suspect = true;
    },
    /** Undefined when there is room; otherwise what an operator needs to read. */
    async check(): Promise<string | undefined> {
      for (const dir of await watchedPaths()) {
        const stats = await statfs(dir).catch(() => undefined); // not visible from here (worker in a container)
        if (!stats) continue;
        const free = stats.bavail * stats.bsize;
        if (free < minFree) {
          return `disk full: ${mib(free)} MiB free at ${dir} (at least ${mib(minFree)} MiB needed to create sandbox containers)`;
        }
      }
      if (suspect && options.image) {
        try {
          await probe();
        } catch (error) {
          if (isNoSpaceError(error)) return "disk full: the Docker engine cannot create a container (no space left on device)";
        }
        suspect = false;
      }
      return undefined;
    },
  };
}
