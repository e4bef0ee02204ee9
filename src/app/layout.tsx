import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { THEME_INIT_SCRIPT } from "@/lib/theme";
import { getServerAuthSession } from "@/server/auth";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";
import "./pages.css";

export const metadata: Metadata = {
  title: { default: "CodeRunner", template: "%s · CodeRunner" },
  description: "A self-hosted online judge for classrooms.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerAuthSession();
  return (
    // data-theme is set by the inline script before hydration, so React must not complain about it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader user={session?.user ?? null} />
          <main className="main" id="main" tabIndex={-1}>
            {children}
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
