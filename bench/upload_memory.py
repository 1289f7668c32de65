"""How much the web process's memory grows while it receives a 20 MB upload: target under 30 MB.

A real server (bench.server: wsgiref, one process, bench.settings on a migrated SQLite database in a temporary
directory) receives files streamed from a generator over http.client — the client never holds a file — at the
bench-only view of bench.urls, which limits its fields with portal.uploads and stores what arrives through
default_storage. The growth of a row is the process's peak resident memory during the request (the kernel's VmHWM,
reset before each row through /proc/<pid>/clear_refs, and VmRSS sampled every 2 ms) less its resident memory just
before it. Warm-up requests first take every code path once, so imports and caches are not counted.

Rows:
- a 20 MB file under its field's 25 MB limit, stored;
- a 20 MB file over its field's 5 MB limit, refused while it arrives;
- a body declared larger than MAX_REQUEST_BYTES, of which no byte is sent: the 413 page must come back anyway;
- the instrument check, on a second server that holds uploads in memory: its growth must show the 20 MB file,
  or the measurement cannot be trusted.

Exits non-zero when a row misses its target or answers with an unexpected status.

Run: ``make bench`` or ``python -m bench.upload_memory``.
"""

import http.client
import json
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from http.cookies import SimpleCookie
from pathlib import Path

from bench.harness import (
    CHUNK,
    FILE_SIZE,
    MAX_REQUEST_BYTES,
    MB,
    Row,
    Server,
    measured,
    migrate,
    report,
    server_env,
)

UPLOAD_PATH = "/bench/upload/"


# --- the client --------------------------------------------------------------------------------------------------


def csrf(port: int) -> tuple[str, str]:
    """The CSRF cookie and a token for it, as a browser gets them from the form's page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", UPLOAD_PATH)
    response = connection.getresponse()
    token = json.loads(response.read())["csrf"]
    cookie = SimpleCookie(response.getheader("Set-Cookie"))["csrftoken"].value
    connection.close()
    return cookie, token


def file_chunks(size: int) -> Iterator[bytes]:
    block = b"%PDF-1.7 bench " * (CHUNK // 15) + b"\n" * (CHUNK % 15)
    for start in range(0, size, CHUNK):
        yield block[: min(CHUNK, size - start)]


def post_file(port: int, field: str, size: int, expect: Callable[[dict[str, object]], bool]) -> int:
    """Stream a multipart form with one file of `size` bytes, the way a browser sends it; the status, or 0 when the
    answer is not what `expect` wants."""
    cookie, token = csrf(port)
    boundary = uuid.uuid4().hex
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="plan.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.putrequest("POST", UPLOAD_PATH)
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.putheader("Cookie", f"csrftoken={cookie}")
    connection.putheader("X-CSRFToken", token)
    connection.endheaders()
    connection.send(head)
    for chunk in file_chunks(size):
        connection.send(chunk)
    connection.send(tail)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.status == 200 and not expect(json.loads(body)):
        return 0
    return response.status


def declare_only(port: int, length: int) -> int:
    """Announce a body of `length` bytes and send none of it: only an answer given before reading comes back."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("POST", UPLOAD_PATH)
    connection.putheader("Content-Type", f"multipart/form-data; boundary={uuid.uuid4().hex}")
    connection.putheader("Content-Length", str(length))
    connection.endheaders()
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def stored(field: str, size: int) -> Callable[[dict[str, object]], bool]:
    return lambda answer: answer["stored"] == {field: size} and not answer["refused"]


def refused(field: str) -> Callable[[dict[str, object]], bool]:
    return lambda answer: answer["stored"] == {} and list(answer["refused"]) == [field]  # type: ignore[call-overload]


# --- the scenario ------------------------------------------------------------------------------------------------


def limited_rows(server: Server) -> list[Row]:
    port = server.port
    # Warm-up: every code path once (3 MB: past FILE_UPLOAD_MAX_MEMORY_SIZE, so through a temporary file like the
    # rows), so that the rows measure requests, not imports and first-use caches.
    post_file(port, "document", 3 * MB, stored("document", 3 * MB))
    post_file(port, "small", 6 * MB, refused("small"))
    declare_only(port, MAX_REQUEST_BYTES + 1)
    return [
        measured(
            server,
            "20 MB file under its field's 25 MB limit: stored",
            FILE_SIZE,
            200,
            "under",
            lambda: post_file(port, "document", FILE_SIZE, stored("document", FILE_SIZE)),
        ),
        measured(
            server,
            "20 MB file over its field's 5 MB limit: refused",
            FILE_SIZE,
            200,
            "under",
            lambda: post_file(port, "small", FILE_SIZE, refused("small")),
        ),
        measured(
            server,
            "body declared over MAX_REQUEST_BYTES, none sent: 413",
            0,
            413,
            "under",
            lambda: declare_only(port, MAX_REQUEST_BYTES + 1),
        ),
    ]


def instrument_row(server: Server) -> Row:
    port = server.port
    post_file(port, "document", MB, stored("document", MB))
    return measured(
        server,
        "instrument check: uploads held in memory",
        FILE_SIZE,
        200,
        "over",
        lambda: post_file(port, "document", FILE_SIZE, stored("document", FILE_SIZE)),
    )


def main() -> int:
    print("bench.upload_memory: peak memory growth of the web process receiving a 20 MB upload")
    with tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary:
        directory = Path(temporary)
        env = server_env(directory)
        print("  migrating a fresh SQLite database…", flush=True)
        migrate(env)
        with Server(env, directory / "server.log") as server:
            rows = limited_rows(server)
            if not all(row.ok for row in rows):
                print(server.log_text(), file=sys.stderr)
        with Server(server_env(directory, BENCH_UPLOADS_IN_MEMORY="true"), directory / "control.log") as server:
            rows.append(instrument_row(server))
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
