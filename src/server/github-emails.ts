/**
 * Which GitHub email address CodeRunner may trust. The profile's `email` is whatever the
 * user typed as public address and is not proof of anything; GitHub's `/user/emails`
 * says which addresses it has verified. Only a verified one may link a GitHub identity to
 * an existing account (or name a new one): otherwise anyone could add a teacher's address
 * to a GitHub account and sign in as that teacher.
 */

export interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/** The primary address if verified, else any verified one, else null. */
export function verifiedGitHubEmail(emails: readonly GitHubEmail[] | null | undefined): string | null {
  const verified = (emails ?? []).filter((e) => e.verified === true && typeof e.email === "string" && e.email.includes("@"));
  return (verified.find((e) => e.primary) ?? verified[0])?.email ?? null;
}

/** GitHub's list of the user's addresses (scope `user:email`), or null when it cannot be read. */
export async function fetchGitHubEmails(accessToken: string, fetchImpl: typeof fetch = fetch): Promise<GitHubEmail[] | null> {
  try {
    const res = await fetchImpl("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "CodeRunner" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    return Array.isArray(body) ? (body as GitHubEmail[]) : null;
  } catch {
    return null;
  }
}
