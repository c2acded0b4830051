# syntax=docker/dockerfile:1
# The hub's one image: every service runs from it by command (deploy/docker-entrypoint.sh):
#   docker run talent-hub gateway
#   docker run -e HUB_EXPERTS_NODE=sichuan ... talent-hub subgraph experts
#   docker run talent-hub subgraph projects | subgraph coordination | partner hainan | seed
# Production runs the compiled JavaScript of `npm run build` (dist/), never tsx at run time.
ARG NODE_VERSION=20.20

# Production dependencies only. better-sqlite3 (the embedded store) compiles its native addon when
# no prebuilt binary matches the platform, so the compilers live in this stage and never reach the
# runtime image; only the resulting node_modules is copied on.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The build: every dependency (TypeScript, Vite for the dashboard), then `npm run build`, which
# writes the dashboard and the compiled services to dist/.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# The runtime: node, the production node_modules, dist/ and the entry script; runs as the image's
# unprivileged `node` user (uid 1000), with the embedded store's files (if used) under /data.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
  HUB_HOST=0.0.0.0 \
  HUB_METRICS_HOST=0.0.0.0 \
  HUB_DATA_DIR=/data \
  HUB_LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/dist ./dist
COPY --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/hub
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# gateway, the experts nodes npm start uses, projects, coordination, the gateway's /metrics listener.
EXPOSE 4000 4001 4011 4012 4013 4002 4003 9464
ENTRYPOINT ["hub"]
CMD ["help"]
