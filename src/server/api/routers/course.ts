import { z } from "zod";
import { addProblemToCourse, createCourse, joinCourse, listMyCourses } from "../../services/course-service";
import { createTRPCRouter, protectedProcedure, teacherProcedure } from "../trpc";

export const courseRouter = createTRPCRouter({
  join: protectedProcedure
    .input(z.object({ joinCode: z.string().trim().min(4, "Join codes have 8 characters.").max(32) }))
    .mutation(({ ctx, input }) => joinCourse(ctx.db, ctx.user, input.joinCode)),

  mine: protectedProcedure.query(({ ctx }) => listMyCourses(ctx.db, ctx.user)),

  create: teacherProcedure
    .input(z.object({ title: z.string().trim().min(1, "Please enter a title.").max(200) }))
    .mutation(({ ctx, input }) => createCourse(ctx.db, ctx.user, input.title)),

  addProblem: teacherProcedure
    .input(z.object({ courseId: z.string().min(1).max(64), problemSlug: z.string().trim().min(1).max(64) }))
    .mutation(({ ctx, input }) => addProblemToCourse(ctx.db, ctx.user, input)),
});
