-- CreateIndex
CREATE INDEX "User_name_id_idx" ON "User"("name", "id");

-- CreateIndex
CREATE INDEX "Problem_title_id_idx" ON "Problem"("title", "id");

-- CreateIndex
CREATE INDEX "Submission_kind_createdAt_id_idx" ON "Submission"("kind", "createdAt" DESC, "id" DESC);

-- Expression indexes for the review list sorted by verdict, score and CPU time: the same
-- expressions as SORT_KEYS in src/server/services/review-service.ts (nulls as the lowest
-- value, so keyset row comparisons hold and match the index). Prisma cannot describe them.
CREATE INDEX "Submission_review_verdict_idx" ON "Submission"("kind", (COALESCE(array_position('{AC,WA,TLE,MLE,RE,CE,OLE,IE}'::"Verdict"[], "verdict"), 0)), "id");
CREATE INDEX "Submission_review_score_idx" ON "Submission"("kind", (COALESCE("score", -1)), "id");
CREATE INDEX "Submission_review_cpu_idx" ON "Submission"("kind", (COALESCE("maxCpuMs", -1)), "id");
