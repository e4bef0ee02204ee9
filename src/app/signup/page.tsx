import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/sign-up-form";
import { getServerAuthSession } from "@/server/auth";

export const metadata = { title: "Sign up" };

export default async function SignUpPage() {
  if (await getServerAuthSession()) redirect("/problems");
  return (
    <div className="narrow">
      <SignUpForm />
    </div>
  );
}
