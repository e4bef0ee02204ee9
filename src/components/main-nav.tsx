"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/problems", label: "Problems" },
  { href: "/courses", label: "Courses" },
  { href: "/submissions", label: "Submissions" },
  { href: "/leaderboard", label: "Leaderboard" },
] as const;
/** Teachers and admins also get their workspace. */
const STAFF_LINKS = [...LINKS, { href: "/teach", label: "Teach" }] as const;

/** The main sections; the current one carries aria-current="page" (also for its sub-pages). */
export function MainNav({ staff = false }: { staff?: boolean }) {
  const pathname = usePathname();
  return (
    <nav className="nav main-nav" aria-label="Main">
      <ul>
        {(staff ? STAFF_LINKS : LINKS).map(({ href, label }) => {
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link href={href} aria-current={current ? "page" : undefined} className="nav-link">
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
