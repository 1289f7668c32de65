"""Settings of the benchmark server: the portal's own, with the bench-only URLs, which production never loads."""

from portal.settings import *  # noqa: F403
from portal.settings import env

ROOT_URLCONF = "bench.urls"
DEBUG = False

# The instrument check of bench.upload_memory: a server that holds every upload in memory, to show that the
# measurement sees a file kept whole.
if env.bool("BENCH_UPLOADS_IN_MEMORY", default=False):
    FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
    FILE_UPLOAD_MAX_MEMORY_SIZE = 200 * 1024 * 1024

# Every request's SQL queries counted on the server (the X-Queries header; BENCH_QUERY_LOG for streamed responses),
# first in the stack so that the session and the user are counted too.
MIDDLEWARE = ["bench.querycount.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
