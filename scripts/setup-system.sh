#!/usr/bin/env bash
# Makes the machine ready for CodeRunner: system packages, Docker engine,
# Postgres, Redis. Idempotent: every step checks before it acts, so a second
# run takes seconds. Installs only when run as root on Debian/Ubuntu; otherwise
# it says what is missing.
set -euo pipefail

log() { printf '\033[36m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root && have apt-get || die "missing system packages: ${missing[*]} (install them, or run this script as root on Debian)"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- system packages -------------------------------------------------------
# docker.io: the sandbox engine. debootstrap: builds a base image when no
# registry is reachable. chromium: browser tests.
# runsc: gVisor, the optional stronger sandbox runtime (SANDBOX_RUNTIME=runsc).
PKGS=(docker.io debootstrap ca-certificates runsc)
[ "${SKIP_CHROMIUM:-0}" = 1 ] || PKGS+=(chromium)
have psql || PKGS+=(postgresql)
have redis-server || PKGS+=(redis-server)
apt_install "${PKGS[@]}"

# --- Docker engine ---------------------------------------------------------
# Register gVisor as a Docker runtime (network off: gVisor's own netstack is not
# needed, and the sandbox never has a network anyway).
configure_runsc() {
  is_root && [ -x /usr/bin/runsc ] || return 1
  local conf=/etc/docker/daemon.json
  mkdir -p /etc/docker
  node -e '
    const fs = require("fs"), f = process.argv[1];
    const c = fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8") || "{}") : {};
    if (c.runtimes && c.runtimes.runsc) process.exit(1);
    c.runtimes = { ...(c.runtimes || {}), runsc: { path: "/usr/bin/runsc", runtimeArgs: ["--network=none"] } };
    fs.writeFileSync(f, JSON.stringify(c, null, 2) + "\n");
  ' "$conf"
}
if configure_runsc; then
  log "registered gVisor (runsc) as a Docker runtime"
  pidof dockerd >/dev/null && kill -HUP "$(pidof dockerd)" && sleep 1
fi
if ! docker info >/dev/null 2>&1; then
  is_root || die "the Docker engine is not running and this script is not root: start dockerd"
  log "starting dockerd"
  mkdir -p /var/log
  nohup dockerd >/var/log/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || die "dockerd did not start; see /var/log/dockerd.log"
fi
log "docker engine: $(docker version --format '{{.Server.Version}}')"

# --- Postgres --------------------------------------------------------------
pg_ready() { (echo > /dev/tcp/127.0.0.1/5432) >/dev/null 2>&1; }
if ! pg_ready; then
  if have pg_ctlcluster && [ -d /etc/postgresql ]; then
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    log "starting postgres $ver"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  fi
  for _ in $(seq 1 30); do pg_ready && break; sleep 0.5; done
  pg_ready || die "Postgres is not reachable on 127.0.0.1:5432"
fi
# Local trust auth for user postgres over TCP is what .env.example assumes.
if ! psql -h 127.0.0.1 -U postgres -Atc 'select 1' >/dev/null 2>&1; then
  if is_root && [ -d /etc/postgresql ]; then
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    hba=/etc/postgresql/$ver/main/pg_hba.conf
    log "allowing local trust auth for 127.0.0.1 in $hba"
    sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    pg_ctlcluster --skip-systemctl-redirect "$ver" main reload
  fi
fi

# --- Redis -----------------------------------------------------------------
redis_ready() { (echo > /dev/tcp/127.0.0.1/6379) >/dev/null 2>&1; }
if ! redis_ready; then
  log "starting redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  for _ in $(seq 1 30); do redis_ready && break; sleep 0.3; done
  redis_ready || die "Redis is not reachable on 127.0.0.1:6379"
fi
log "services ready: docker, postgres, redis"
