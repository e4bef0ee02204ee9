import { pino, type Logger } from "pino";
import { env } from "../env";

export type { Logger } from "pino";

/**
 * Structured JSON logs (one object per line on stdout) for the web app and the worker.
 * Every line carries `service` and, where there is one, `submissionId`, so a log
 * collector can follow one submission from Submit to verdict across processes.
 * Secrets and student code never belong in a log line; the redaction below is a
 * safety net for objects logged whole.
 */
export function createLogger(service: "web" | "worker", options: { destination?: { write(line: string): void } } = {}): Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "password",
          "*.password",
          "passwordHash",
          "*.passwordHash",
          "source",
          "*.source",
          "headers.cookie",
          "headers.authorization",
        ],
        censor: "[redacted]",
      },
    },
    // Synchronous: a line logged just before the process exits is not lost.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const globalForLogger = globalThis as unknown as { webLogger?: Logger };

/** The web app's logger (one per process). */
export function webLogger(): Logger {
  globalForLogger.webLogger ??= createLogger("web");
  return globalForLogger.webLogger;
}
