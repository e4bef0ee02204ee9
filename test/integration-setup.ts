import { prepareDatabase } from "../prisma/prepare-database";

// Create the test database (if needed) and apply migrations once per run.
export default async function setup() {
  await prepareDatabase(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/coderunner_test");
}
