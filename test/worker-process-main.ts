/**
 * A judge worker in a process of its own, for tests that kill workers: the options of
 * startWorker come as JSON in TEST_WORKER_OPTIONS; logs are the worker's JSON lines on
 * stdout. SIGTERM closes gracefully; SIGKILL is what the fault tests send.
 */
import { startWorker, type StartWorkerOptions } from "../worker/index";

const options = JSON.parse(process.env.TEST_WORKER_OPTIONS ?? "{}") as StartWorkerOptions;
const handle = await startWorker(options);
process.on("SIGTERM", () => {
  void handle.close().then(() => process.exit(0));
});
