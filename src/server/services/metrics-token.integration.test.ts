/** /api/metrics with METRICS_TOKEN configured: only a scrape with the bearer token gets the metrics. */
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.METRICS_TOKEN = "test-metrics-token-0123456789";
});

import { GET as metricsRoute } from "../../app/api/metrics/route";
import { opsDeps } from "../ops";

afterAll(() => {
  opsDeps().redis.disconnect();
});

describe("/api/metrics with METRICS_TOKEN", () => {
  it("refuses a scrape without the token or with a wrong one, and serves it with the right one", async () => {
    const without = await metricsRoute(new Request("http://localhost/api/metrics"));
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await without.text()).not.toContain("coderunner_");

    const wrong = await metricsRoute(
      new Request("http://localhost/api/metrics", { headers: { authorization: "Bearer test-metrics-token-0123456780" } }),
    );
    expect(wrong.status).toBe(401);

    const right = await metricsRoute(
      new Request("http://localhost/api/metrics", { headers: { authorization: "Bearer test-metrics-token-0123456789" } }),
    );
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("# TYPE coderunner_queue_jobs gauge");
  });
});
