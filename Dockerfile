# syntax=docker/dockerfile:1
# One image for every process: the compose services pick the entry point (api, worker, migrations).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && mkdir -p /out \
 && cp -R package.json node_modules dist /out/ \
 && for built in apps/*/dist; do \
      if [ -d "$built" ]; then mkdir -p "/out/$(dirname "$built")" && cp -R "$built" "/out/$built"; fi; \
    done

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out ./
USER node
EXPOSE 3000
# The API's memory budget: V8 collects before the heap grows past it (live data is ~50 MB).
CMD ["node", "--max-old-space-size=256", "dist/apps/api/src/main.js"]
