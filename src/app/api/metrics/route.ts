import { timingSafeEqual } from "node:crypto";
import { env } from "@/env";
import { opsDeps, webMetrics } from "@/server/ops";
import { renderMetrics } from "@/server/services/ops-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/metrics: Prometheus text format — this web process, the queue, and every live
 * worker's judge metrics (published with its heartbeat). With METRICS_TOKEN set, a scrape
 * must send `Authorization: Bearer <token>`; otherwise keep the path off the public internet.
 */
export async function GET(request: Request) {
  if (env.METRICS_TOKEN && !bearerMatches(request.headers.get("authorization"), env.METRICS_TOKEN)) {
    return new Response("Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await renderMetrics(webMetrics(), opsDeps().redis);
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}

function bearerMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
