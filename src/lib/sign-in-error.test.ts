import { describe, expect, it } from "vitest";
import { rateLimitedSignInError, signInErrorMessage, signInRetryAfterSec } from "./sign-in-error";

describe("sign-in error codes", () => {
  it("round-trips the wait of a rate-limited sign-in", () => {
    expect(rateLimitedSignInError(42)).toBe("RateLimited:42");
    expect(signInRetryAfterSec(rateLimitedSignInError(41.2))).toBe(42);
    expect(signInRetryAfterSec("RateLimited:abc")).toBeNull();
    expect(signInRetryAfterSec("CredentialsSignin")).toBeNull();
    expect(signInRetryAfterSec(undefined)).toBeNull();
  });

  it("words each failure for the form, never showing an unknown code", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Wrong email or password.");
    expect(signInErrorMessage("RateLimited:7")).toBe("Too many sign-in attempts. Please wait 7 s and try again.");
    expect(signInErrorMessage("RateLimited:286")).toBe("Too many sign-in attempts. Please wait 5 minutes and try again.");
    expect(signInErrorMessage("connect ECONNREFUSED 10.0.0.5:5432")).toBe("Sign-in failed. Please try again.");
    expect(signInErrorMessage(null)).toBe("Sign-in failed. Please try again.");
  });
});
