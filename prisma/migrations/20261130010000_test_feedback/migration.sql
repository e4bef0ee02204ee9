-- CreateEnum
CREATE TYPE "TestFeedback" AS ENUM ('FULL', 'FIRST_FAILURE', 'VERDICT_ONLY');

-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "testFeedback" "TestFeedback" NOT NULL DEFAULT 'FULL';

