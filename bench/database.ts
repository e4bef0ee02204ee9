/** The benchmarks' own database (never development data): created and migrated by the one shared routine. */
export { prepareDatabase } from "../prisma/prepare-database";

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/coderunner_bench";
