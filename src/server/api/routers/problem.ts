import { z } from "zod";
import { listProblems, listProblemTags, PROBLEM_STATUS_FILTERS } from "../../services/problem-list-service";
import { createProblem, getProblemBySlug, updateProblem } from "../../services/problem-service";
import { createTRPCRouter, protectedProcedure, teacherProcedure } from "../trpc";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "Slug must be at least 2 characters.")
  .max(64, "Slug must be at most 64 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes.");

const testCaseSchema = z.object({
  name: z.string().max(100).nullish(),
  input: z.string().max(16 * 1024 * 1024, "Test input is larger than 16 MiB."),
  expectedOutput: z.string().max(16 * 1024 * 1024, "Expected output is larger than 16 MiB."),
  isSample: z.boolean().default(false),
  points: z.number().int().min(0).max(1000).default(1),
});

const problemFields = {
  title: z.string().trim().min(1, "Please enter a title.").max(200),
  statement: z.string().max(200_000, "Statement is too long."),
  timeLimitMs: z.number().int().min(100).max(20_000).default(1000),
  memoryLimitMb: z.number().int().min(16).max(2048).default(256),
  checkerKind: z.enum(["EXACT", "STANDARD", "FLOAT", "CUSTOM"]).default("STANDARD"),
  checkerOptions: z.record(z.string(), z.union([z.string().max(100), z.number(), z.boolean()])).nullish(),
  scoringMode: z.enum(["ICPC", "POINTS"]).default("ICPC"),
  visibility: z.enum(["PUBLIC", "COURSE", "HIDDEN"]).default("HIDDEN"),
  tests: z.array(testCaseSchema).max(500, "At most 500 tests."),
};

export const problemRouter = createTRPCRouter({
  /** Search, filters and page-number paging; every value is optional (page 1, 50 a page). */
  list: protectedProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(100, "Search is too long.").optional(),
          courseId: z.string().min(1).max(64).optional(),
          status: z.enum(PROBLEM_STATUS_FILTERS).optional(),
          difficulty: z.enum(["EASY", "MEDIUM", "HARD"]).optional(),
          tag: z.string().trim().min(1).max(50).optional(),
          page: z.number().int().min(1).max(100_000).default(1),
          pageSize: z.number().int().min(1).max(100).default(50),
        })
        .default({ page: 1, pageSize: 50 }),
    )
    .query(({ ctx, input }) => listProblems(ctx.db, ctx.user, input)),

  tags: protectedProcedure.query(({ ctx }) => listProblemTags(ctx.db, ctx.user)),

  bySlug: protectedProcedure
    .input(z.object({ slug: z.string().trim().min(1).max(64) }))
    .query(({ ctx, input }) => getProblemBySlug(ctx.db, ctx.user, input.slug)),

  create: teacherProcedure
    .input(z.object({ slug: slugSchema, ...problemFields, tests: problemFields.tests.default([]) }))
    .mutation(({ ctx, input }) => createProblem(ctx.db, ctx.user, input)),

  update: teacherProcedure
    .input(
      z.object({
        slug: z.string().trim().min(1).max(64),
        title: problemFields.title.optional(),
        statement: problemFields.statement.optional(),
        timeLimitMs: z.number().int().min(100).max(20_000).optional(),
        memoryLimitMb: z.number().int().min(16).max(2048).optional(),
        checkerKind: z.enum(["EXACT", "STANDARD", "FLOAT", "CUSTOM"]).optional(),
        checkerOptions: problemFields.checkerOptions,
        scoringMode: z.enum(["ICPC", "POINTS"]).optional(),
        visibility: z.enum(["PUBLIC", "COURSE", "HIDDEN"]).optional(),
        tests: problemFields.tests.optional(),
      }),
    )
    .mutation(({ ctx, input: { slug, ...patch } }) => updateProblem(ctx.db, ctx.user, slug, patch)),
});
