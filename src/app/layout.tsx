import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { getServerAuthSession } from "@/server/auth";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "CodeRunner", template: "%s · CodeRunner" },
  description: "A self-hosted online judge for classrooms.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerAuthSession();
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <SiteHeader user={session?.user ?? null} />
          <main className="main">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
