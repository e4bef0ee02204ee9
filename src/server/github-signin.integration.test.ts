// GitHub sign-in through next-auth's own provider and callback, with GitHub's API faked:
// an address GitHub has not verified never links to an existing account.
import { afterEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.GITHUB_ID = "test-client-id";
  process.env.GITHUB_SECRET = "test-client-secret";
});

import type { Account, Profile, User } from "next-auth";
import { createUser, uniqueSuffix } from "../../test/factories";
import { authOptions } from "./auth";
import { db } from "./db";

afterEach(() => vi.unstubAllGlobals());

type UserinfoRequest = (ctx: {
  client: { userinfo: (token: string) => Promise<Record<string, unknown>> };
  tokens: { access_token: string };
}) => Promise<Profile>;

/** What next-auth's GitHub provider makes of a user whose public profile says `publicEmail`, given GitHub's email list. */
async function githubProfile(publicEmail: string, emails: { email: string; primary: boolean; verified: boolean }[], id: string) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      expect(url).toBe("https://api.github.com/user/emails");
      return Response.json(emails);
    }),
  );
  const github = authOptions.providers.find((p) => p.id === "github") as unknown as { options: { userinfo: { request: UserinfoRequest } } };
  return github.options.userinfo.request({
    client: { userinfo: async () => ({ id, login: "octo", name: "Octo", email: publicEmail }) },
    tokens: { access_token: "token" },
  });
}

async function signInWithGitHub(profile: Profile, id: string) {
  const account = { provider: "github", providerAccountId: id, type: "oauth" } as Account;
  const user = { id, name: "Octo", email: profile.email } as User;
  return authOptions.callbacks!.signIn!({ user, account, profile });
}

describe("GitHub sign-in links to an existing account only by a verified address", () => {
  it("a public but unverified address matching a teacher is refused, and nothing is linked", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const id = `gh-${uniqueSuffix()}`;
    const profile = await githubProfile(teacher.email, [{ email: teacher.email, primary: true, verified: false }], id);
    expect(profile.email).toBeUndefined();
    expect(await signInWithGitHub(profile, id)).toBe("/signin?error=GitHubEmailUnverified");
    expect(await db.account.count({ where: { providerAccountId: id } })).toBe(0);
  });

  it("a verified address links to the existing account", async () => {
    const teacher = await createUser(db, { role: "TEACHER" });
    const id = `gh-${uniqueSuffix()}`;
    const profile = await githubProfile("public@example.com", [{ email: teacher.email, primary: true, verified: true }], id);
    expect(profile.email).toBe(teacher.email);
    expect(await signInWithGitHub(profile, id)).toBe(true);
    expect(await db.account.findFirst({ where: { providerAccountId: id }, select: { userId: true } })).toEqual({ userId: teacher.id });
  });

  it("without any verified address no account is created either", async () => {
    const id = `gh-${uniqueSuffix()}`;
    const email = `new-${uniqueSuffix()}@example.com`;
    const profile = await githubProfile(email, [{ email, primary: true, verified: false }], id);
    expect(await signInWithGitHub(profile, id)).toBe("/signin?error=GitHubEmailUnverified");
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});
