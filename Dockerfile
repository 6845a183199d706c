# The service as production runs it: several uvicorn workers, non-root, healthy only while
# the graph answers (/readyz). Point it at Neo4j with NEO4J_URI (see compose.yaml); without
# it, it runs the embedded graph in /data (one container, for trying it out).

FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph_service ./graph_service
COPY cypher ./cypher
COPY seed ./seed
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    GRAPH_SERVICE_HOST=0.0.0.0 \
    GRAPH_SERVICE_PORT=8000 \
    GRAPH_SERVICE_WORKERS=2 \
    GRAPH_SERVICE_MODE=production \
    GRAPH_SERVICE_LOG_FORMAT=json \
    GRAPH_SERVICE_DATA_DIR=/data/graph
RUN groupadd --system --gid 10001 graph \
    && useradd --system --uid 10001 --gid graph --home-dir /data --create-home graph
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER 10001:10001
WORKDIR /data
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "graph_service.healthcheck"]
STOPSIGNAL SIGTERM
CMD ["graph-service", "serve"]
