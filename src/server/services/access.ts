import type { Prisma } from "../../generated/prisma/client";
import type { SessionUser } from "./user-service";

/** The caller as the services see it (only id and role matter for permissions). */
export type Actor = Pick<SessionUser, "id" | "role">;

export const isStaff = (actor: Actor) => actor.role === "TEACHER" || actor.role === "ADMIN";

/**
 * Which problems an actor may see: staff see everything; others see PUBLIC problems,
 * COURSE problems of courses they are enrolled in, and anything they authored.
 */
export function visibleProblemsWhere(actor: Actor): Prisma.ProblemWhereInput {
  if (isStaff(actor)) return {};
  return {
    OR: [
      { visibility: "PUBLIC" },
      { visibility: "COURSE", courses: { some: { course: { enrollments: { some: { userId: actor.id } } } } } },
      // In a problem set of one of their courses, once the set has opened.
      {
        visibility: "COURSE",
        problemSets: {
          some: {
            problemSet: {
              OR: [{ opensAt: null }, { opensAt: { lte: new Date() } }],
              course: { enrollments: { some: { userId: actor.id } } },
            },
          },
        },
      },
      { authorId: actor.id },
    ],
  };
}
