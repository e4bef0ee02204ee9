import { describe, expect, it } from "vitest";
import { fetchGitHubEmails, verifiedGitHubEmail } from "./github-emails";

describe("verifiedGitHubEmail", () => {
  it("takes the primary address only when GitHub verified it, else another verified one", () => {
    expect(
      verifiedGitHubEmail([
        { email: "other@example.com", primary: false, verified: true },
        { email: "main@example.com", primary: true, verified: true },
      ]),
    ).toBe("main@example.com");
    expect(
      verifiedGitHubEmail([
        { email: "teacher@school.example", primary: true, verified: false },
        { email: "mine@example.com", primary: false, verified: true },
      ]),
    ).toBe("mine@example.com");
  });

  it("gives null when no address is verified, or the list is missing or malformed", () => {
    expect(verifiedGitHubEmail([{ email: "teacher@school.example", primary: true, verified: false }])).toBeNull();
    expect(verifiedGitHubEmail([])).toBeNull();
    expect(verifiedGitHubEmail(null)).toBeNull();
    expect(verifiedGitHubEmail([{ email: "x", primary: true, verified: "yes" } as never])).toBeNull();
  });
});

describe("fetchGitHubEmails", () => {
  it("reads GitHub's /user/emails with the token, and gives null on any failure", async () => {
    const list = [{ email: "a@example.com", primary: true, verified: true }];
    const seen: { url: string; auth: string | null }[] = [];
    const ok = (async (url: string, init?: RequestInit) => {
      seen.push({ url, auth: new Headers(init?.headers).get("authorization") });
      return Response.json(list);
    }) as typeof fetch;
    expect(await fetchGitHubEmails("tok", ok)).toEqual(list);
    expect(seen).toEqual([{ url: "https://api.github.com/user/emails", auth: "Bearer tok" }]);
    expect(await fetchGitHubEmails("tok", (async () => new Response("no", { status: 403 })) as typeof fetch)).toBeNull();
    expect(await fetchGitHubEmails("tok", (async () => Response.json({ message: "x" })) as typeof fetch)).toBeNull();
    expect(
      await fetchGitHubEmails("tok", (async () => {
        throw new Error("offline");
      }) as typeof fetch),
    ).toBeNull();
  });
});
