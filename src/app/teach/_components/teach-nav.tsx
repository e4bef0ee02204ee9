"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  {
    href: "/teach",
    label: "Courses",
    match: (p: string) => p === "/teach" || p.startsWith("/teach/courses") || p.startsWith("/teach/sets"),
  },
  { href: "/teach/problems", label: "Problems", match: (p: string) => p.startsWith("/teach/problems") },
  { href: "/teach/submissions", label: "Submissions", match: (p: string) => p.startsWith("/teach/submissions") },
];

export function TeachNav() {
  const pathname = usePathname();
  return (
    <nav className="teach-nav" aria-label="Teacher workspace">
      <span className="teach-nav-title">Teach</span>
      {LINKS.map((l) => (
        <Link key={l.href} href={l.href} aria-current={l.match(pathname) ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
