-- AlterTable
ALTER TABLE "Problem" ALTER COLUMN "visibility" SET DEFAULT 'HIDDEN';

