/**
 * Removes sandbox containers nobody will ever close: those whose owner process is dead
 * (a crashed or killed worker) and any older than maxAgeMs. Run by the provider at start
 * and periodically; safe to run from several workers at once.
 */
import os from "node:os";
import type Docker from "dockerode";

export const SANDBOX_LABEL = "coderunner.sandbox";
export const OWNER_LABEL = "coderunner.owner";
export const CREATED_LABEL = "coderunner.created";

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
  now?: number;
}

/** Removes leftover sandbox containers and orphaned /box volumes; returns the container ids. */
export async function reapLeftovers(docker: Docker, options: ReapOptions): Promise<string[]> {
  const now = options.now ?? Date.now();
  const containers = await docker.listContainers({ all: true, filters: { label: [`${SANDBOX_LABEL}=1`] } });
  const removed: string[] = [];
  for (const info of containers) {
    if (options.keepIds?.has(info.Id)) continue;
    const created = Date.parse(info.Labels[CREATED_LABEL] ?? "") || info.Created * 1000;
    if (!ownerIsDead(info.Labels[OWNER_LABEL]) && now - created < options.maxAgeMs) continue;
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
