/**
 * The public HTTP path as a browser walks it: sign in (next-auth credentials), call tRPC
 * with the session cookie, wait for /api/health. Used by `npm run bench:load` and
 * `npm run compose:smoke`.
 */
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";

export interface SignedIn {
  email: string;
  /** The session cookie (name=value). */
  cookie: string;
}

/** A tRPC client speaking the browser's wire protocol with a session cookie. */
export function trpcClient(baseUrl: string, cookie: string) {
  // Typed loosely on purpose: the bench speaks the wire protocol the browser speaks.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return createTRPCClient<any>({ links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { cookie } })] }) as any;
}

/** Signs in with email and password as the browser does (CSRF token, then the credentials callback). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<SignedIn> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(res)
    .split("; ")
    .find((c) => /session-token=/.test(c));
  if (!session) throw new Error(`sign-in of ${email} failed: HTTP ${res.status}`);
  return { email, cookie: session };
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

/** Waits until GET /api/health answers 200. */
export async function waitForHealth(baseUrl: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      const body = (await res.json()) as { status: string; failing: string[] };
      if (res.ok) return;
      last = `failing: ${body.failing.join(", ")}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(1000);
  }
  throw new Error(`the system at ${baseUrl} did not become healthy within ${Math.round(timeoutMs / 1000)} s (${last})`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
