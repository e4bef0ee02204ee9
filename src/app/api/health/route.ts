import { opsDeps } from "@/server/ops";
import { checkHealth } from "@/server/services/ops-service";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 when the web app, Postgres, Redis, at least one worker (with a
 * working Docker engine and runner image) and the queue are fine; 503 naming the failing
 * parts otherwise. No secrets in the body; safe for a load balancer or uptime probe.
 */
export async function GET() {
  const report = await checkHealth(opsDeps());
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
