#!/usr/bin/env bash
# One command to run everything: `npm run up`.
# Installs what is missing (as root on Debian), starts Docker/Postgres/Redis,
# installs dependencies, migrates, builds the sandbox image, seeds demo data,
# builds the web app, then runs web + worker together (Ctrl+C stops both).
# Safe to re-run: every step is idempotent and cached.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
log() { printf '\033[36m[up]\033[0m %s\n' "$*"; }

bash scripts/setup-system.sh
bash scripts/prepare.sh

log "seeding demo data"
npm run -s db:seed

# Production build of the web app, rebuilt only when its inputs change.
web_hash=$( (git ls-files -s src public next.config.ts package-lock.json tsconfig.json tsconfig.web.json 2>/dev/null; git diff HEAD -- src public next.config.ts tsconfig.web.json 2>/dev/null) | sha256sum | cut -c1-16)
if [ ! -f .next/BUILD_ID ] || [ "$(cat .next/.coderunner-build 2>/dev/null)" != "$web_hash" ]; then
  log "building the web app (next build)"
  npm run -s build
  echo "$web_hash" > .next/.coderunner-build
fi

PORT=${PORT:-3000}
log "starting web on http://localhost:${PORT} and the judge worker (Ctrl+C stops both)"
cat <<MSG

  Demo accounts (password for all three: see below)
    student  student@coderunner.dev  /  student-demo
    teacher  teacher@coderunner.dev  /  teacher-demo
    admin    admin@coderunner.dev    /  admin-demo

MSG
exec node_modules/.bin/concurrently --kill-others --names web,worker --prefix-colors blue,magenta \
  "node_modules/.bin/next start -p ${PORT}" "node_modules/.bin/tsx worker/index.ts"
