import { getServerSession, type DefaultSession, type NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import type { Provider } from "next-auth/providers/index";
import { cache } from "react";
import { z } from "zod";
import { env } from "../env";
import type { Role } from "../generated/prisma/enums";
import { db } from "./db";
import { GITHUB_EMAIL_UNVERIFIED, rateLimitedSignInError } from "../lib/sign-in-error";
import { fetchGitHubEmails, verifiedGitHubEmail } from "./github-emails";
import { RateLimitError } from "./rate-limit";
import { clientIp } from "./rate-limit-rules";
import { findSessionUser, linkOAuthAccount, signInWithPassword } from "./services/user-service";

declare module "next-auth" {
  interface Session extends DefaultSession {
    user: { id: string; name: string; email: string; role: Role };
  }
  interface User {
    role?: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    role?: Role;
  }
}

// Production refuses to start without NEXTAUTH_SECRET (src/env.ts); dev and tests get a fixed one.
const DEV_ONLY_SECRET = "coderunner-dev-only-secret-never-use-in-production";

// No format check on sign-in: an unknown or odd address simply does not match any account.
const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });

function providers(): Provider[] {
  const list: Provider[] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        try {
          return await signInWithPassword(db, { ...parsed.data, ip: clientIp(req.headers ?? {}) });
        } catch (error) {
          // next-auth hands a thrown error's message to the browser: only our own codes go there.
          if (error instanceof RateLimitError) throw new Error(rateLimitedSignInError(error.retryAfterSec));
          console.error("[auth] sign-in failed:", error);
          throw new Error("SignInUnavailable");
        }
      },
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    list.push(
      GitHubProvider({
        clientId: env.GITHUB_ID,
        clientSecret: env.GITHUB_SECRET,
        // Always ask GitHub which addresses it verified (github-emails.ts); the profile's
        // `email` is replaced by a verified one, or null.
        userinfo: {
          url: "https://api.github.com/user",
          async request({ client, tokens }) {
            const profile = await client.userinfo(tokens.access_token!);
            const verified = verifiedGitHubEmail(await fetchGitHubEmails(tokens.access_token!));
            return { ...profile, email: verified ?? undefined, email_verified: verified !== null };
          },
        },
      }),
    );
  }
  return list;
}

export const isGitHubEnabled = () => Boolean(env.GITHUB_ID && env.GITHUB_SECRET);

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET ?? (env.NODE_ENV === "production" ? undefined : DEV_ONLY_SECRET),
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/signin" },
  providers: providers(),
  callbacks: {
    async signIn({ account, profile, user }) {
      if (account?.provider !== "github") return true;
      const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
      const linked = await linkOAuthAccount(db, {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        verifiedEmail: verified ? (profile?.email ?? null) : null,
        name: profile?.name ?? user.name,
        image: user.image,
      });
      // Refused: back to the sign-in form, which says why.
      return linked !== null || `/signin?error=${GITHUB_EMAIL_UNVERIFIED}`;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === "github") {
        const linked = await db.account.findUnique({
          where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
          select: { userId: true },
        });
        token.userId = linked?.userId;
      } else if (user) {
        token.userId = user.id;
      }
      if (!token.userId) return token;
      // Re-read on every request so a role change or a deleted account takes effect at once.
      const current = await findSessionUser(db, token.userId);
      if (!current) return { ...token, userId: undefined, role: undefined };
      token.role = current.role;
      token.name = current.name;
      token.email = current.email;
      return token;
    },
    session({ session, token }) {
      if (!token.userId || !token.role) return { ...session, user: undefined } as unknown as typeof session;
      session.user = { id: token.userId, name: token.name ?? "", email: token.email ?? "", role: token.role };
      return session;
    },
  },
};

/**
 * The signed-in user's session in server components, route handlers and tRPC, or null.
 * Memoised per request (React `cache`): layout, page and tRPC context share one JWT decode
 * and one user lookup instead of three.
 */
export const getServerAuthSession = cache(async () => {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? session : null;
});
