# Image for web, worker and beat (docker-compose.yml).
FROM node:20-bookworm-slim AS frontend
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN mkdir -p /app/portal/static/portal && npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends libmagic1 gettext libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
COPY --from=frontend /app/portal/static/portal/dist portal/static/portal/dist
RUN pip install --no-cache-dir . && python manage.py compilemessages --ignore ".venv" -v 0
RUN useradd --create-home ghiseul && mkdir -p var && chown -R ghiseul var
USER ghiseul
EXPOSE 8000
