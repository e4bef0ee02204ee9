/**
 * Request body caps enforced while the body streams in: a chunked request without a
 * Content-Length is cut off at the cap, so no more than the cap (plus one chunk) is ever
 * held in memory. A declared Content-Length over the cap is refused without reading.
 *
 * After the cap the rest of the body is read and thrown away for a short while ("lingering
 * close", as Apache and nginx do) rather than the connection being dropped at once: a client
 * still sending when the connection is torn down gets a reset (EPIPE/ECONNRESET) and may
 * never see the 413. A client that goes on sending past the linger time is cut off.
 */

/** How long the rest of an over-cap body is drained before the connection is dropped. */
const LINGER_MS = 5_000;

export const payloadTooLarge = (maxBytes: number) =>
  Response.json({ error: { message: `The request is larger than ${formatBytes(maxBytes)}.`, code: "PAYLOAD_TOO_LARGE" } }, { status: 413 });

/** Reads and discards what is left of a body for at most `LINGER_MS`, then cancels it. */
async function drainBriefly(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const timer = setTimeout(() => void reader.cancel().catch(() => undefined), LINGER_MS);
  try {
    while (!(await reader.read()).done);
  } catch {
    // Cancelled at the deadline, or the client went away: nothing more to do.
  } finally {
    clearTimeout(timer);
  }
}

function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}

/**
 * The whole body (empty when there is none), or null when a declared Content-Length is over
 * `maxBytes` (nothing is read) or once what streams in exceeds it (the rest is drained briefly).
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void drainBriefly(reader);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The body read within the cap, as the bytes and as headers that describe them, or a 413
 * response. Requests without a body (GET, HEAD) pass with `body: null`.
 */
export async function capRequestBody(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; body: Uint8Array<ArrayBuffer> | null; headers: Headers } | { ok: false; response: Response }> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) {
    return { ok: true, body: null, headers: request.headers };
  }
  const body = await readBodyCapped(request, maxBytes);
  if (!body) return { ok: false, response: payloadTooLarge(maxBytes) };
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return { ok: true, body, headers };
}
