# Image for the web app and the worker (same code, different command), used by
# docker-compose.yml on machines with a registry. The sandbox runner image is a
# different image (sandbox/images/runner), built by the worker on start.
FROM node:20-bookworm-slim AS deps
# The similarity report's tree-sitter parsers (@dodona/dolos-parsers) compile on install.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx prisma generate && npx next build

FROM node:20-bookworm-slim AS app
# The worker drives the host's Docker engine through the mounted socket; it
# needs the docker CLI only to build the runner image on first start.
RUN apt-get update && apt-get install -y --no-install-recommends docker.io postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app ./
EXPOSE 3000
CMD ["npx", "next", "start", "-p", "3000"]
