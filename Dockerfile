# The hub's API for deployments (Neo4j runs as its own service: see docker-compose.yml).

# The web pages' assets (GOV.UK Frontend, MOJ Frontend), built from npm as `make assets` does.
FROM node:20-bookworm-slim AS assets
WORKDIR /web
COPY web/package.json web/package-lock.json web/build.mjs ./
COPY web/src ./src
RUN npm ci --ignore-scripts --no-audit --no-fund && node build.mjs

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY cli ./cli
COPY graph ./graph
COPY ingest ./ingest
COPY pages ./pages
COPY queries ./queries
COPY services ./services
COPY --from=assets /web/dist ./web/dist
# Every folder the hub writes, created here owned by its user (uid 10001) and private to it:
# an empty named volume mounted on one of them starts as a copy of it, owner and mode included
# (docker-compose.yml mounts them; OPERATIONS.md, "Deploying with compose").
# pdqhash (evidence images' perceptual hashes) has no wheel for every platform: a C++ compiler
# builds it, and is removed again in the same layer.
RUN apt-get update && apt-get install -y --no-install-recommends g++ \
 && pip install . \
 && apt-get purge -y --auto-remove g++ && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/ohch ohch \
 && install -d -o ohch -g ohch -m 0700 \
      /var/lib/ohch /var/lib/ohch/journal /var/lib/ohch/audit /var/lib/ohch/nim \
      /var/lib/ohch/evidence \
      /var/backups/ohch
USER 10001:10001
WORKDIR /var/lib/ohch
ENV OHCH_API_HOST=0.0.0.0 \
    OHCH_WEB_ASSETS_DIR=/app/web/dist \
    OHCH_JOURNAL_DIR=/var/lib/ohch/journal \
    OHCH_AUDIT_LOG=/var/lib/ohch/audit/audit.jsonl
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["ohch", "serve"]
