# syntax=docker/dockerfile:1
# Atelier runs TypeScript directly with tsx (no build step), so the image carries src/ and production deps.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATABASE_URL=file:/data/atelier.db \
    STORAGE_DIR=/data/media \
    HTTP_PORT=3000
# sharp draws text with the system's fonts; tini forwards SIGTERM so jobs drain.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core tini \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /app atelier \
 && mkdir -p /data && chown atelier /data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY catalogs ./catalogs
COPY migrations ./migrations
USER atelier
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
# Migrations first (also applied at start-up, but a failed migration should stop the container before the bot connects).
CMD ["sh", "-c", "node --import tsx src/cli.ts migrate && exec node --import tsx src/main.ts"]
