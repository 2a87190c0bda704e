# The image of every app (infra/docker-compose.yml picks the app by its command). Not built in CI
# (its machines have no Docker engine); it runs the same build as `npm start`.
FROM node:20-bookworm-slim
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm ci --no-audit --no-fund && npx turbo run build --output-logs=errors-only
# Every app on one address space: the single process by default.
CMD ["node", "apps/standalone/dist/main.js"]
