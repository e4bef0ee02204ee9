/**
 * The one place that turns the environment into sandbox settings: runner image,
 * Docker runtime and warm-pool size. The worker, `verify`, the benchmarks and the
 * integration tests all get their provider from here, so the rules live once.
 */
import { createSandboxProvider, type DockerSandboxOptions, type DockerSandboxProvider } from "../sandbox/driver";
import { ensureRunnerImage } from "../sandbox/build-images";
import { env } from "../src/env";

/** The runner image to use: SANDBOX_IMAGE, else the content-hashed tag (built when missing). */
export function runnerImageFromEnv(log?: (line: string) => void): Promise<string> {
  if (env.SANDBOX_IMAGE) return Promise.resolve(env.SANDBOX_IMAGE);
  return ensureRunnerImage({ baseImage: env.SANDBOX_BASE_IMAGE, log });
}

/** A sandbox provider configured from the environment; `overrides` win (tests, verify, bench). */
export async function sandboxProviderFromEnv(
  overrides: Partial<DockerSandboxOptions> & { concurrency?: number } = {},
): Promise<DockerSandboxProvider> {
  const { concurrency, ...rest } = overrides;
  return createSandboxProvider({
    runtime: env.SANDBOX_RUNTIME,
    // One more than the jobs judged at once: the spare lets the pool be topped up after a
    // judging instead of during the next one (see DockerSandboxProvider.acquire).
    poolSize: env.SANDBOX_POOL_SIZE ?? (concurrency ?? env.WORKER_CONCURRENCY) + 1,
    ...rest,
    image: rest.image ?? (await runnerImageFromEnv()),
  });
}
