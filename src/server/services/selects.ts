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

/** What every reader of a problem sees: its statement, limits, checker kind and scoring. */
export const problemStatementSelect = {
  slug: true,
  title: true,
  statement: true,
  timeLimitMs: true,
  memoryLimitMb: true,
  checkerKind: true,
  scoringMode: true,
} as const satisfies Prisma.ProblemSelect;

/** All that defines a problem besides its tests, as its author edits it and a package exports it. */
export const problemDefinitionSelect = {
  ...problemStatementSelect,
  checkerOptions: true,
  checkerSource: true,
  checkerLanguage: true,
  checkerFiles: true,
  timeLimitDerived: true,
  timeMultiplier: true,
  timeSafetyMargin: true,
} as const satisfies Prisma.ProblemSelect;
