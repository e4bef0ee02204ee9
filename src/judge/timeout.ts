/** The error of a promise that did not settle in time (see `withTimeout`). */
export class TimeoutError extends Error {}

/** `promise`, or a `TimeoutError` with `message` once `ms` have passed; the timer never outlives it. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message = `no answer within ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(message)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
