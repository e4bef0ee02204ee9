#!/usr/bin/env bash
# `npm run compose:smoke`: proves docker-compose.yml runs, on a machine without any image
# registry. It builds local stand-ins for the official postgres and redis images from the
# local Debian base image (Debian's packages via apt), builds the app image offline from a
# prepared context (the host's node_modules, .next build and Node.js binary: `npm ci` cannot
# reach the npm registry from inside a container here), brings up db, redis, migrate, web and
# worker with `docker-compose` (Debian's package, installed if absent), and has a real
# submission judged by the composed worker through the web (HTTP sign-in + tRPC).
# Leaves nothing behind (`docker-compose down -v`) unless KEEP=1.
#
# Variables: WEB_PORT (default 3290), COMPOSE_PROJECT_NAME (default coderunner-smoke),
# BASE_IMAGE (default coderunner-base:bookworm), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export NEXT_TELEMETRY_DISABLED=1
log() { printf '\033[36m[compose-smoke]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[compose-smoke] %s\033[0m\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
started=$(date +%s)

PROJECT=${COMPOSE_PROJECT_NAME:-coderunner-smoke}
export WEB_PORT=${WEB_PORT:-3290}
BASE_IMAGE=${BASE_IMAGE:-coderunner-base:bookworm}
export POSTGRES_IMAGE=coderunner-standin-postgres:local
export REDIS_IMAGE=coderunner-standin-redis:local
export APP_IMAGE=coderunner-app:smoke
export NEXTAUTH_URL="http://localhost:$WEB_PORT"
export NEXTAUTH_SECRET=${NEXTAUTH_SECRET:-compose-smoke-only-secret-not-for-production}

# --- tools ------------------------------------------------------------------
docker info >/dev/null 2>&1 || die "the Docker engine is not running (bash scripts/setup-system.sh starts it)"
if ! have docker-compose; then
  [ "$(id -u)" = 0 ] && have apt-get || die "docker-compose is missing: apt-get install docker-compose"
  log "installing docker-compose (Debian's package)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
[ -d node_modules ] || die "node_modules is missing: run npm ci first"

# --- images -----------------------------------------------------------------
log "runner image (npm run images; builds the local base image first if needed)"
RUNNER_IMAGE=$(npx tsx worker/images.ts | tail -n 1)
export SANDBOX_IMAGE=$RUNNER_IMAGE
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  log "building the local base image $BASE_IMAGE (debootstrap)"
  npx tsx -e 'import("./sandbox/build-images.ts").then((m) => m.createLocalBaseImage())'
fi

log "stand-in images for postgres and redis (FROM $BASE_IMAGE, Debian packages)"
docker build -q --build-arg BASE="$BASE_IMAGE" -t "$POSTGRES_IMAGE" scripts/compose-standins/postgres >/dev/null
docker build -q --build-arg BASE="$BASE_IMAGE" -t "$REDIS_IMAGE" scripts/compose-standins/redis >/dev/null

# The production build the image will serve: rebuilt when a source is newer than it.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find src public next.config.ts package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  log "next build (the app image carries this build)"
  npm run -s build >/tmp/compose-smoke-next-build.log 2>&1 || { tail -n 40 /tmp/compose-smoke-next-build.log; die "next build failed"; }
fi

log "preparing the offline build context"
CONTEXT="$ROOT/.cache/compose-context"
rm -rf "$CONTEXT"
mkdir -p "$CONTEXT"
# Tracked sources (what .dockerignore would let through), then the built and installed parts as hard links.
git ls-files -z --cached --others --exclude-standard | grep -zv '^\.cache/' | xargs -0 cp --parents -t "$CONTEXT" 2>/dev/null || true
cp -al node_modules .next "$CONTEXT/"
mkdir -p "$CONTEXT/src" "$CONTEXT/public"
cp -al src/generated "$CONTEXT/src/"
[ -d public/monaco ] && cp -al public/monaco "$CONTEXT/public/"
touch "$CONTEXT/.prebuilt"
cp "$(readlink -f "$(command -v node)")" "$CONTEXT/.prebuilt-node"
printf '.git\n.env\n' >"$CONTEXT/.dockerignore"

log "building the app image $APP_IMAGE (offline context, FROM $BASE_IMAGE)"
build_started=$(date +%s)
docker build -q --build-arg BASE="$BASE_IMAGE" -t "$APP_IMAGE" "$CONTEXT" >/dev/null
log "app image built in $(($(date +%s) - build_started)) s"
rm -rf "$CONTEXT"

# --- compose up ---------------------------------------------------------------
compose() { docker-compose -p "$PROJECT" -f "$ROOT/docker-compose.yml" "$@"; }
# Sandbox containers created by the composed worker whose container host name is $1.
worker_sandboxes() {
  docker ps -a --filter label=coderunner.sandbox=1 --format '{{.ID}} {{.Label "coderunner.owner"}}' | awk -v h="$1/" 'index($2, h) == 1 { print $1 }'
}
cleanup() {
  local code=$?
  if [ "$code" != 0 ]; then
    log "failed; the composed services' logs (tail):"
    compose logs --no-color --tail 40 2>&1 || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    log "KEEP=1: leaving the system up (docker-compose -p $PROJECT down -v to remove it)"
  else
    compose down -v --remove-orphans >/dev/null 2>&1 || true
    # Whatever went wrong, leave no sandbox container of the composed worker on the engine.
    [ -z "${worker_host:-}" ] || worker_sandboxes "$worker_host" | xargs -r docker rm -f >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

log "docker-compose up (project $PROJECT, web on :$WEB_PORT)"
compose down -v --remove-orphans >/dev/null 2>&1 || true
up_started=$(date +%s)
compose up -d --no-build
worker_host=$(docker inspect -f '{{.Config.Hostname}}' "$(compose ps -q worker)")
log "up in $(($(date +%s) - up_started)) s; a real submission through the web"
client_log=$(mktemp)
npx tsx scripts/compose-smoke-client.ts "http://127.0.0.1:$WEB_PORT" | tee "$client_log"
grep -q "judged every submission as expected" "$client_log" || die "the client did not confirm the verdicts"
rm -f "$client_log"
log "worker log (judged lines):"
compose logs --no-color worker 2>&1 | grep -E 'judged|consuming' | tail -n 5 || true

# The composed worker stops gracefully and takes its sandbox containers (on the host's
# engine, through the socket) with it.
compose stop worker >/dev/null 2>&1
compose logs --no-color worker 2>&1 | grep -q '\[worker\] stopped' || die "the composed worker did not shut down gracefully"
[ -z "$(worker_sandboxes "$worker_host")" ] || die "the composed worker left sandbox containers behind"
log "the composed worker stopped gracefully and removed its sandbox containers"
log "passed in $(($(date +%s) - started)) s"
