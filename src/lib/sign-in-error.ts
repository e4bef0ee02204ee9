/**
 * The error codes the credentials sign-in can end with (next-auth 4 passes a thrown
 * error's message to the client as `error`), and the words the sign-in form shows.
 */
const RATE_LIMITED = "RateLimited:";

/** GitHub sign-in refused: GitHub reported no verified email address for a new or unlinked identity. */
export const GITHUB_EMAIL_UNVERIFIED = "GitHubEmailUnverified";

/** The `error` a rate-limited sign-in reports: the code and the seconds to wait. */
export const rateLimitedSignInError = (retryAfterSec: number) => `${RATE_LIMITED}${Math.max(1, Math.ceil(retryAfterSec))}`;

/** Seconds to wait when `error` says the sign-in was rate-limited, else null. */
export function signInRetryAfterSec(error: string | null | undefined): number | null {
  if (!error?.startsWith(RATE_LIMITED)) return null;
  const seconds = Number(error.slice(RATE_LIMITED.length));
  return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}

/** What the sign-in form says for a failed sign-in (never the raw code). */
export function signInErrorMessage(error: string | null | undefined): string {
  if (error === "CredentialsSignin") return "Wrong email or password.";
  if (error === GITHUB_EMAIL_UNVERIFIED) {
    return "GitHub did not confirm a verified email address for this account. Verify your email on GitHub, or sign in with your password.";
  }
  const wait = signInRetryAfterSec(error);
  if (wait !== null) {
    const duration = wait < 90 ? `${wait} s` : `${Math.ceil(wait / 60)} minutes`;
    return `Too many sign-in attempts. Please wait ${duration} and try again.`;
  }
  return "Sign-in failed. Please try again.";
}
