/**
 * Teacher insights: class progress of a course, per-problem statistics. Teachers and
 * admins only; the service checks course staff and which students the actor may see.
 * (The gradebook CSV is a route handler: src/app/teach/courses/[id]/gradebook.csv.)
 */
import { z } from "zod";
import { slugSchema } from "../../../judge/problem-rules";
import { getCourseProgress, getProblemStats } from "../../services/insights-service";
import { createTRPCRouter, teacherProcedure } from "../trpc";
import { idSchema as id } from "../schemas";

export const insightsRouter = createTRPCRouter({
  courseProgress: teacherProcedure
    .input(z.object({ courseId: id }))
    .query(({ ctx, input }) => getCourseProgress(ctx.db, ctx.user, input.courseId)),
  problemStats: teacherProcedure
    .input(z.object({ slug: slugSchema, courseId: id.optional() }))
    .query(({ ctx, input }) => getProblemStats(ctx.db, ctx.user, input)),
});
