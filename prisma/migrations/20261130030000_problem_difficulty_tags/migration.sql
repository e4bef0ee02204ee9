-- CreateEnum
CREATE TYPE "Difficulty" AS ENUM ('EASY', 'MEDIUM', 'HARD');

-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "difficulty" "Difficulty",
ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

