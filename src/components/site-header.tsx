import Link from "next/link";
import type { Session } from "next-auth";
import { SignOutButton } from "./sign-out-button";

const ROLE_LABELS = { STUDENT: "Student", TEACHER: "Teacher", ADMIN: "Admin" } as const;

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
          <nav className="nav" aria-label="Main">
            <Link href="/problems">Problems</Link>
            <Link href="/submissions">Submissions</Link>
            <span className="user" data-testid="current-user">
              {user.name} <span className={`role role-${user.role.toLowerCase()}`}>{ROLE_LABELS[user.role]}</span>
            </span>
            <SignOutButton />
          </nav>
        ) : (
          <nav className="nav" aria-label="Main">
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
