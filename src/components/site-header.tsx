import Link from "next/link";
import type { Session } from "next-auth";
import { MainNav } from "./main-nav";
import { UserMenu } from "./user-menu";

export function SiteHeader({ user }: { user: Session["user"] | null }) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href={user ? "/problems" : "/"} className="brand">
          <span className="brand-mark" aria-hidden>
            {"</>"}
          </span>
          CodeRunner
        </Link>
        {user ? (
          <>
            <MainNav staff={user.role === "TEACHER" || user.role === "ADMIN"} />
            <UserMenu user={user} />
          </>
        ) : (
          <nav className="nav" aria-label="Account">
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="button button-small">
              Sign up
            </Link>
          </nav>
        )}
      </div>
    </header>
  );
}
