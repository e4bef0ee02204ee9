import Link from "next/link";
import { Fragment, type ReactNode } from "react";

export interface Crumb {
  href: string;
  label: string;
}

/** A teacher page's top: the trail of links back up ("Courses / Course /"), then its title and actions. */
export function TeachHead({ crumbs, title, children }: { crumbs: Crumb[]; title: ReactNode; children?: ReactNode }) {
  return (
    <>
      <p className="teach-crumbs">
        {crumbs.map((c, i) => (
          <Fragment key={c.href}>
            {i > 0 && " "}
            <Link href={c.href}>{c.label}</Link>
            {" /"}
          </Fragment>
        ))}
      </p>
      <div className="teach-head">
        <h1>{title}</h1>
        {children}
      </div>
    </>
  );
}
