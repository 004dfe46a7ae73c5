# The hub's API for deployments (Neo4j runs as its own service: see docker-compose.yml).
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY cli ./cli
COPY graph ./graph
COPY ingest ./ingest
COPY queries ./queries
RUN pip install . && useradd --system --uid 10001 ohch && mkdir -p /var/lib/ohch && chown ohch /var/lib/ohch
USER ohch
ENV OHCH_API_HOST=0.0.0.0 OHCH_JOURNAL_DIR=/var/lib/ohch/journal
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
CMD ["ohch", "serve"]
