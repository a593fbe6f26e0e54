# syntax=docker/dockerfile:1
#
# Vigie container image.
#
# Written by reading the code; it could NOT be built on the development machine (no Docker engine
# there). The same steps were checked outside Docker: `npm ci --omit=dev` on a copy of src/, db/,
# scripts/ and the package files, then `node --import tsx src/server.ts` started, created its keys,
# answered /health and shut down cleanly on SIGTERM. Build it and run it once before relying on it.
#
# There is no compile stage for the server: Vigie runs its TypeScript through tsx at runtime, and tsx
# is a runtime dependency (package.json "dependencies"). The reporter pages' browser bundle is built
# by esbuild (also a runtime dependency) into dist/web once the sources are copied in; the deps
# stage installs with --ignore-scripts because `prepare` would build it before src/ is there.
# argon2 ships prebuilt binaries for linux x64 and arm64 (glibc), so the slim image needs no compiler.
#
# Running it:
#   docker run -d --name vigie -p 127.0.0.1:3000:3000 \
#     -e PUBLIC_URL=https://alerte.example.fr \
#     -v vigie-data:/var/lib/vigie/data -v vigie-keys:/var/lib/vigie/keys vigie
# - Set PUBLIC_URL: without it, invitation links say http://0.0.0.0:3000 and cookies are not Secure.
# - Put a TLS reverse proxy in front, with its access logs off (see README.md, Deployment).
# - On PGlite, supporting documents are files in the data volume (data/documents): back it up as one
#   snapshot. On PostgreSQL they are in the database (DOCUMENT_STORE, README.md).
# - Back up both volumes, separately (SECURITY.md, keys/README.md). With bind mounts instead of
#   named volumes, make the host folders owned by uid 1000 (node), mode 0700.
# - CLI commands on PGlite: stop the container, then run them in a one-off container on the same
#   volumes:
#     docker run --rm -e PUBLIC_URL=https://alerte.example.fr \
#       -v vigie-data:/var/lib/vigie/data -v vigie-keys:/var/lib/vigie/keys \
#       vigie npm run org:create -- --slug ville-exemple --name "Ville d'Exemple"
#   The data folder's lock records the process id and the host name (the container id): a one-off
#   container sees another host and refuses while the lock is there, even when the server's
#   container was killed rather than stopped; the message then names the lock file to delete once
#   you are sure no container uses the volume. (`docker exec` into the running container is refused
#   by the lock, as it should be.) A server container that restarts after a crash keeps its host
#   name and takes over its own stale lock.
#   With DATABASE_URL (PostgreSQL), commands may run next to the server.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
WORKDIR /app

# Code and dependencies belong to root: the service (user node) can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY db ./db
COPY scripts ./scripts
RUN node --import tsx scripts/build-web.ts

RUN mkdir -p /var/lib/vigie/data /var/lib/vigie/keys \
 && chown node:node /var/lib/vigie/data /var/lib/vigie/keys \
 && chmod 0700 /var/lib/vigie/data /var/lib/vigie/keys

ENV HOST=0.0.0.0 \
    DATA_DIR=/var/lib/vigie/data \
    KEYS_DIR=/var/lib/vigie/keys

VOLUME ["/var/lib/vigie/data", "/var/lib/vigie/keys"]

USER node
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself is PID 1 (no npm in between), so SIGTERM reaches Vigie's graceful shutdown.
CMD ["node", "--import", "tsx", "src/server.ts"]
