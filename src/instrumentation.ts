/** Runs once when the Next.js server boots: a bad environment fails loudly at start, not at the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./env");
}
