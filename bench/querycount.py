"""Bench-only middleware (bench.settings): counts the SQL queries of each request on the server.

The count covers everything below it in the middleware stack (sessions, authentication, the view, the template) and,
for a streamed response, the queries run while its body is produced. It is sent as the ``X-Queries`` header when the
response is not streamed; and, when ``BENCH_QUERY_LOG`` names a file and the request carries an ``X-Bench-Id``
header, appended to that file as ``<id> <count>`` once the whole body has been produced (for a streamed response,
the only place its final count can go)."""

import os
import threading

from django.db import connection

_log_lock = threading.Lock()


def _write(bench_id: str, count: int) -> None:
    path = os.environ.get("BENCH_QUERY_LOG")
    if not (path and bench_id):
        return
    with _log_lock, open(path, "a") as log:
        log.write(f"{bench_id} {count}\n")


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        bench_id = request.headers.get("X-Bench-Id", "")
        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        if not response.streaming:
            response["X-Queries"] = str(count[0])
            _write(bench_id, count[0])
            return response
        content = response.streaming_content

        def streamed():
            with connection.execute_wrapper(counted):
                try:
                    yield from content
                finally:
                    _write(bench_id, count[0])

        response.streaming_content = streamed()
        return response
