import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { getServerAuthSession, isGitHubEnabled } from "@/server/auth";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const callbackPath = safeCallbackPath(callbackUrl);
  if (await getServerAuthSession()) redirect(callbackPath);
  return (
    <div className="narrow">
      <SignInForm callbackPath={callbackPath} gitHubEnabled={isGitHubEnabled()} initialError={typeof error === "string" ? error : null} />
    </div>
  );
}
