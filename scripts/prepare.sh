#!/usr/bin/env bash
# Everything between "services are running" and "the system can start":
# .env, npm dependencies, database + migrations, sandbox image. Idempotent and
# fast on a second run (each step checks a stamp or the current state first).
# Usage: scripts/prepare.sh [database-url]
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\033[36m[prepare]\033[0m %s\n' "$*"; }

# --- .env ------------------------------------------------------------------
if [ ! -f .env ]; then
  log "creating .env from .env.example (with a fresh NEXTAUTH_SECRET)"
  secret=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
  sed "s|^NEXTAUTH_SECRET=.*|NEXTAUTH_SECRET=${secret}|" .env.example > .env
fi

# --- npm dependencies (re-installed only when package-lock.json changes) -----
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ ! -d node_modules ] || [ "$(cat node_modules/.coderunner-lock 2>/dev/null)" != "$lock_hash" ]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.coderunner-lock
fi
[ -f src/generated/prisma/client.ts ] || npx prisma generate >/dev/null

# --- database ----------------------------------------------------------------
db_url=${1:-$(grep -E '^DATABASE_URL=' .env | cut -d= -f2- || true)}
db_url=${db_url:-postgresql://postgres@127.0.0.1:5432/coderunner}
npx tsx prisma/prepare-database.ts "$db_url"

# --- sandbox image (cached by content hash) ---------------------------------
log "ensuring the sandbox runner image"
npm run -s images
