import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { signInRetryAfterSec } from "@/lib/sign-in-error";
import { authOptions } from "@/server/auth";
import { capRequestBody } from "@/server/http/body-limit";

const nextAuth = NextAuth(authOptions);

/** Sign-in and sign-out forms are a few hundred bytes; nothing larger is read. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const capped = await capRequestBody(req, MAX_AUTH_BODY_BYTES);
  if (!capped.ok) return capped.response;
  const request = capped.body ? new NextRequest(req.url, { method: req.method, headers: capped.headers, body: capped.body }) : req;
  return withRetryAfter((await nextAuth(request, context)) as Response);
}

/**
 * next-auth answers a refused credentials sign-in with 401 and the error code in a URL;
 * a rate-limited one becomes 429 with Retry-After, like every other rate limit.
 */
async function withRetryAfter(response: Response): Promise<Response> {
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const { url } = (await response.clone().json()) as { url?: string };
  const wait = url ? signInRetryAfterSec(new URL(url, "http://localhost").searchParams.get("error")) : null;
  if (wait === null) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(wait));
  return new Response(response.body, { status: 429, headers });
}

export { handler as GET, handler as POST };
