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
# gunicorn with app.prefork: the master loads the dataset once and forks WEB_CONCURRENCY
# uvicorn workers that share it (README "Running at scale"); no access log from gunicorn,
# the app writes its own JSON one.
ENV WEB_CONCURRENCY=1
CMD ["gunicorn", "-c", "python:app.prefork", "-b", "0.0.0.0:8000", "app.main:app"]
