-- CreateEnum
CREATE TYPE "SimilarityStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "SimilarityReport" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "courseId" TEXT,
    "createdById" TEXT NOT NULL,
    "onlyAccepted" BOOLEAN NOT NULL DEFAULT true,
    "status" "SimilarityStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "languages" JSONB,
    "submissions" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SimilarityReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimilarityPair" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "leftSubmissionId" TEXT NOT NULL,
    "rightSubmissionId" TEXT NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "longest" INTEGER NOT NULL,
    "overlap" INTEGER NOT NULL,
    "leftCovered" INTEGER NOT NULL,
    "rightCovered" INTEGER NOT NULL,
    "leftTotal" INTEGER NOT NULL,
    "rightTotal" INTEGER NOT NULL,
    "fragments" JSONB NOT NULL,

    CONSTRAINT "SimilarityPair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SimilarityReport_problemId_createdAt_idx" ON "SimilarityReport"("problemId", "createdAt");

-- CreateIndex
CREATE INDEX "SimilarityPair_reportId_similarity_idx" ON "SimilarityPair"("reportId", "similarity" DESC);

-- CreateIndex
CREATE INDEX "SimilarityPair_leftSubmissionId_idx" ON "SimilarityPair"("leftSubmissionId");

-- CreateIndex
CREATE INDEX "SimilarityPair_rightSubmissionId_idx" ON "SimilarityPair"("rightSubmissionId");

-- AddForeignKey
ALTER TABLE "SimilarityReport" ADD CONSTRAINT "SimilarityReport_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityReport" ADD CONSTRAINT "SimilarityReport_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityReport" ADD CONSTRAINT "SimilarityReport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "SimilarityReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_leftSubmissionId_fkey" FOREIGN KEY ("leftSubmissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_rightSubmissionId_fkey" FOREIGN KEY ("rightSubmissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

