import { describe, expect, it } from "vitest";
import { clientIp } from "./rate-limit-rules";

describe("clientIp", () => {
  it("without a proxy: the address Next.js recorded (the only or last X-Forwarded-For entry)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }), 0)).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "1.1.1.1, 203.0.113.9" }, 0)).toBe("203.0.113.9");
  });

  it("behind N trusted proxies: the N-th entry from the right, whatever the client prepended", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 1)).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }, 2)).toBe("203.0.113.9");
    // Fewer entries than proxies (misconfiguration): the leftmost, never undefined.
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" }, 3)).toBe("203.0.113.9");
  });

  it("without the header: one shared bucket", () => {
    expect(clientIp(new Headers(), 0)).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": " , " }, 0)).toBe("unknown");
  });
});
