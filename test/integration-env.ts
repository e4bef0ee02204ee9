// Runs in every integration test worker before any module is imported:
// point the app at the test database and an isolated queue prefix.
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/coderunner_test";
process.env.QUEUE_PREFIX = `coderunner-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
(process.env as Record<string, string>).NODE_ENV = "test";
// Rate limits are tested by their own files (which set them before importing the app);
// elsewhere they would only trip tests that submit or sign in many times in a row.
for (const name of ["RUN", "SUBMIT", "SIGNIN_IP", "SIGNIN_ACCOUNT", "SIGNUP_IP", "SIGNUP_ACCOUNT", "PROGRESS_STREAMS"]) {
  process.env[`RATE_LIMIT_${name}`] ??= "100000/1s";
}
