# syntax=docker/dockerfile:1
# Tandem: one process serving Slack (/slack/events), Teams (/api/messages), /healthz and /readyz.
# Build: docker build -t tandem .   Run: docker run -p 3978:3978 --env-file .env -v tandem-data:/data tandem

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: compile TypeScript, then keep only production dependencies ---------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
    && npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled code and production node_modules, run as the unprivileged node user -------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    TANDEM_DATA_DIR=/data
WORKDIR /app
# Application files stay root-owned: the node user can read them but not change them.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY migrations ./migrations
# The embedded database (PGlite) lives in /data when DATABASE_URL is unset.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
# The slim image has no curl; Node 20's built-in fetch probes liveness instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
