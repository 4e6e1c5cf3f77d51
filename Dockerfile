# Menuju API on the bundled feeds: docker build -t menuju . && docker run -p 8000:8000 menuju
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NUMBA_CACHE_DIR=/srv/menuju/.cache/numba

RUN useradd --create-home --uid 10001 menuju
WORKDIR /srv/menuju

COPY pyproject.toml README.md ./
COPY app/ app/
COPY routing/ routing/
COPY scripts/ scripts/
RUN pip install . && mkdir -p .cache && chown menuju:menuju .cache
COPY data/ data/

USER menuju
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
# The app writes its own JSON access log, so uvicorn's is switched off.
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
