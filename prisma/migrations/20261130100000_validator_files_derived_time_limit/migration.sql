-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "checkerFiles" JSONB,
ADD COLUMN     "derivedFromCpuMs" INTEGER,
ADD COLUMN     "timeLimitDerived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "timeMultiplier" DOUBLE PRECISION NOT NULL DEFAULT 5,
ADD COLUMN     "timeSafetyMargin" DOUBLE PRECISION NOT NULL DEFAULT 2;

