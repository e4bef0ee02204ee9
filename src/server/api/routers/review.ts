/**
 * Teacher review (/teach/submissions): the submission list over the teacher's courses,
 * its filters' choices, and one submission with the student's timeline and a diff.
 * Teachers only; the service limits each teacher to their own students and problems.
 */
import { z } from "zod";
import { LANGUAGE_IDS } from "../../../judge/languages";
import { VERDICTS } from "../../../judge/verdicts";
import { getReviewSubmission, listReviewSubmissions, REVIEW_SORTS, reviewFilterOptions } from "../../services/review-service";
import { createTRPCRouter, teacherProcedure } from "../trpc";
import { idSchema as id } from "../schemas";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "That date does not exist.");

/** The list's filters and order; the CSV route reads the same ones from its URL. */
export const reviewFiltersSchema = z.object({
  courseId: id.optional(),
  userId: id.optional(),
  problemSlug: z.string().trim().min(1).max(64).optional(),
  language: z.enum(LANGUAGE_IDS, { error: "Unknown language." }).optional(),
  verdict: z.enum(VERDICTS, { error: "Unknown verdict." }).optional(),
  from: day.optional(),
  to: day.optional(),
  sort: z.enum(REVIEW_SORTS).default("time"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export const reviewRouter = createTRPCRouter({
  list: teacherProcedure
    .input(reviewFiltersSchema.extend({ cursor: id.nullish(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listReviewSubmissions(ctx.db, ctx.user, input)),
  filterOptions: teacherProcedure
    .input(z.object({ courseId: id.optional(), userId: id.optional() }))
    .query(({ ctx, input }) => reviewFilterOptions(ctx.db, ctx.user, input)),
  submission: teacherProcedure
    .input(z.object({ id, againstId: id.nullish() }))
    .query(({ ctx, input }) => getReviewSubmission(ctx.db, ctx.user, input)),
});
