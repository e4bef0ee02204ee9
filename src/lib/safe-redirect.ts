/** Only same-site paths: never let a crafted callbackUrl send someone to another origin. */
export function safeCallbackPath(value: string | null | undefined, fallback = "/problems"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
