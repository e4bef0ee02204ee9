/**
 * Similarity (plagiarism) reports for teachers: start one for a problem, poll its
 * progress, read its most similar pairs and one pair side by side. Teachers only; the
 * service limits every report to the students the teacher may see.
 */
import { z } from "zod";
import { slugSchema } from "../../../judge/problem-rules";
import { getSimilarityOverview, getSimilarityPair, getSimilarityReport, startSimilarityReport } from "../../services/similarity-service";
import { createTRPCRouter, teacherProcedure } from "../trpc";
import { idSchema as id } from "../schemas";

export const similarityRouter = createTRPCRouter({
  overview: teacherProcedure
    .input(z.object({ slug: slugSchema }))
    .query(({ ctx, input }) => getSimilarityOverview(ctx.db, ctx.user, input.slug)),
  start: teacherProcedure
    .input(z.object({ problemId: id, courseId: id.nullable().default(null), onlyAccepted: z.boolean().default(true) }))
    .mutation(({ ctx, input }) => startSimilarityReport(ctx.db, ctx.user, input)),
  report: teacherProcedure
    .input(z.object({ reportId: id }))
    .query(({ ctx, input }) => getSimilarityReport(ctx.db, ctx.user, input.reportId)),
  pair: teacherProcedure.input(z.object({ pairId: id })).query(({ ctx, input }) => getSimilarityPair(ctx.db, ctx.user, input.pairId)),
});
