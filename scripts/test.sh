#!/usr/bin/env bash
# One command to test everything: `npm test`.
# Unit tests, integration tests (real Postgres, Redis, Docker engine) and
# Playwright end-to-end tests (Debian Chromium) against a production build with
# a real worker. Prepares what it needs itself and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
log() { printf '\033[36m[test]\033[0m %s\n' "$*"; }

bash scripts/setup-system.sh || exit 1

export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/coderunner_test}
bash scripts/prepare.sh "$TEST_DATABASE_URL" || exit 1

results=$(mktemp -d)
# The worker runs in its own process group (setsid) so stopping it reaches the
# node process behind npm; SIGTERM lets it remove its sandbox containers.
stop_worker() {
  [ -n "${WORKER_PID:-}" ] || return 0
  kill -TERM -- "-$WORKER_PID" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 -- "-$WORKER_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$WORKER_PID" 2>/dev/null
  WORKER_PID=
}
trap 'stop_worker; rm -rf "$results"' EXIT
status=0

log "lint (eslint, prettier) and type-check"
if ! npm run -s lint || ! npx tsc --noEmit; then
  log "lint or type-check failed: fix it first (npm run format fixes formatting)"
  echo "0 passed, 1 failed"
  exit 1
fi

log "unit tests"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json" || status=1

log "integration tests (Postgres, Redis, Docker)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json" || status=1

log "exclusive tests (real Docker engine and Postgres restarts; alone, after the others)"
npx vitest run --project exclusive --reporter=default --reporter=json --outputFile.json="$results/exclusive.json" || status=1

log "end-to-end tests (production build + worker + Chromium)"
if npm run -s build >"$results/next-build.log" 2>&1; then
  export DATABASE_URL="$TEST_DATABASE_URL"
  export QUEUE_PREFIX="coderunner-e2e-$$"
  export NEXTAUTH_URL="http://localhost:3100"
  export NEXTAUTH_SECRET=${NEXTAUTH_SECRET:-e2e-only-secret-not-for-production}
  setsid npm run -s worker >"$results/worker.log" 2>&1 &
  WORKER_PID=$!
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json || {
    status=1
    log "worker log (tail):"; tail -n 40 "$results/worker.log"
  }
  stop_worker
else
  cat "$results/next-build.log"
  log "next build failed"
  echo '{"stats":{"expected":0,"unexpected":1}}' > "$results/e2e.json"
  status=1
fi

# Closing summary across the three runners.
node - "$results" <<'JS'
const fs = require("node:fs"), path = require("node:path");
const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
for (const name of ["unit", "integration", "exclusive"]) {
  const f = path.join(dir, `${name}.json`);
  if (!fs.existsSync(f)) { failed++; console.log(`${name}: no report (runner crashed)`); continue; }
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  // A file that fails to load has no failed tests of its own: count it as one failure.
  const brokenFiles = (r.testResults ?? []).filter(
    (t) => t.status === "failed" && !(t.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed`);
}
const e = path.join(dir, "e2e.json");
if (fs.existsSync(e)) {
  const s = JSON.parse(fs.readFileSync(e, "utf8")).stats ?? {};
  passed += s.expected ?? 0; failed += (s.unexpected ?? 0) + (s.flaky ?? 0); skipped += s.skipped ?? 0;
  console.log(`e2e: ${s.expected ?? 0} passed, ${(s.unexpected ?? 0) + (s.flaky ?? 0)} failed`);
} else { failed++; console.log("e2e: no report"); }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
JS
exit $status
