/** Prisma selects that several services share (one definition each). */
import type { Prisma } from "../../generated/prisma/client";

/** A person as staff pages list them. Never the password hash. */
export const personSelect = { id: true, name: true, email: true } as const satisfies Prisma.UserSelect;

/** A problem as a link: id, slug, title. */
export const problemRefSelect = { id: true, slug: true, title: true } as const satisfies Prisma.ProblemSelect;

/** A problem set with its dates and its problems in order. */
export const problemSetSelect = {
  id: true,
  title: true,
  opensAt: true,
  dueAt: true,
  allowLate: true,
  problems: { orderBy: { position: "asc" }, select: { problem: { select: problemRefSelect } } },
} as const satisfies Prisma.ProblemSetSelect;
