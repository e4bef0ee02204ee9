/** `npm run images`: builds the runner image when its content-hashed tag is missing and prints the tag. */
import { runnerImageFromEnv } from "./sandbox-config";

runnerImageFromEnv().then(
  (tag) => {
    process.stdout.write(`${tag}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`[images] ${(error as Error).message}\n`);
    process.exit(1);
  },
);
