#!/bin/sh
# As the official image: without a config file, listen on every interface with
# protected mode off (the compose network is the boundary).
set -eu
if [ "${1:-}" = redis-server ]; then
  shift
  exec redis-server --bind 0.0.0.0 --protected-mode no --dir /data "$@"
fi
exec "$@"
