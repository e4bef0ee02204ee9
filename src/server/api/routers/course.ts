import { z } from "zod";
import { addProblemToCourse, createCourse, joinCourse } from "../../services/course-service";
import { getCourseWithProgress, listMyCoursesWithProgress } from "../../services/course-progress-service";
import { listProblemSetsForStudent } from "../../services/problem-set-service";
import { createTRPCRouter, protectedProcedure, teacherProcedure } from "../trpc";
import { idSchema } from "../schemas";

export const courseRouter = createTRPCRouter({
  join: protectedProcedure
    .input(z.object({ joinCode: z.string().trim().min(4, "Join codes have 8 characters.").max(32) }))
    .mutation(({ ctx, input }) => joinCourse(ctx.db, ctx.user, input.joinCode)),

  /** The caller's courses with their progress (solved / attempted of the course's problems). */
  mine: protectedProcedure.query(({ ctx }) => listMyCoursesWithProgress(ctx.db, ctx.user)),

  /** One course's problems, in order, with the caller's progress. Members, owner and admins only. */
  byId: protectedProcedure.input(z.object({ id: idSchema })).query(({ ctx, input }) => getCourseWithProgress(ctx.db, ctx.user, input.id)),

  /** The course's open problem sets with due dates and the caller's progress per problem. */
  problemSets: protectedProcedure
    .input(z.object({ courseId: idSchema }))
    .query(({ ctx, input }) => listProblemSetsForStudent(ctx.db, ctx.user, input.courseId)),

  create: teacherProcedure
    .input(z.object({ title: z.string().trim().min(1, "Please enter a title.").max(200) }))
    .mutation(({ ctx, input }) => createCourse(ctx.db, ctx.user, input.title)),

  addProblem: teacherProcedure
    .input(z.object({ courseId: idSchema, problemSlug: z.string().trim().min(1).max(64) }))
    .mutation(({ ctx, input }) => addProblemToCourse(ctx.db, ctx.user, input)),
});
