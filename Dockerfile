# Image for the web app and the worker (same code, different command), used by
# docker-compose.yml. The sandbox runner image is a different image
# (sandbox/images/runner), built by the worker on start (or named by SANDBOX_IMAGE).
#
# Two ways to build it:
# - with a registry (the usual case): `docker build .` — node:20 from the registry,
#   `npm ci`, `prisma generate`, `next build` inside the build;
# - offline, where neither the image registry nor (from inside containers) the npm
#   registry is reachable: `scripts/compose-smoke.sh` prepares a build context holding the
#   host's node_modules, .next build, generated Prisma client and Node.js binary (marker
#   file `.prebuilt`) and builds with `--build-arg BASE=<local Debian image>`.
ARG BASE=node:20-bookworm-slim

FROM ${BASE} AS deps
WORKDIR /app
# `.prebuilt*` matches nothing in a plain checkout (COPY then copies only the lock files).
COPY package.json package-lock.json .prebuilt* ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/copy-monaco.mjs ./scripts/copy-monaco.mjs
# The similarity report's tree-sitter parsers (@dodona/dolos-parsers) compile on install.
RUN if [ -e .prebuilt ]; then echo "prebuilt context: node_modules come with the sources"; \
    else apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/* \
      && npm ci --no-audit --no-fund; fi

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN if [ -e .prebuilt ]; then echo "prebuilt context: .next comes with the sources"; else npx prisma generate && npx next build; fi

FROM ${BASE} AS app
# The worker drives the host's Docker engine through the mounted socket; it needs the
# docker CLI only to build the runner image on first start. libstdc++6: Node.js itself
# (present in node images, not in a bare Debian base).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker.io postgresql-client libstdc++6 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PATH=/app/node_modules/.bin:$PATH
COPY --from=build /app ./
# An offline context brings the host's Node.js (a bare Debian base has none, or an old one).
RUN if [ -e .prebuilt-node ]; then install -m 0755 .prebuilt-node /usr/local/bin/node && rm .prebuilt-node; fi && node --version
EXPOSE 3000
CMD ["next", "start", "-p", "3000"]
