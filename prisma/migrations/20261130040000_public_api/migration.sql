-- CreateEnum
CREATE TYPE "ApiScope" AS ENUM ('READ', 'SUBMIT');

-- AlterEnum
ALTER TYPE "SubmissionKind" ADD VALUE 'EXEC';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "expectedOutput" TEXT,
ADD COLUMN     "runArgs" TEXT[],
ADD COLUMN     "runMemoryLimitMb" INTEGER,
ADD COLUMN     "runTimeLimitMs" INTEGER;

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" "ApiScope"[],
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_createdAt_idx" ON "ApiToken"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

