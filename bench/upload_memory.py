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
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
FILE_SIZE = 20 * MB
TARGET_GROWTH = 30 * MB
MAX_REQUEST_BYTES = 110 * MB
CHUNK = 64 * 1024
UPLOAD_PATH = "/bench/upload/"
SERVER_START_TIMEOUT = 120


@dataclass
class Row:
    scenario: str
    sent: int
    status: int
    expected_status: int
    before: int
    peak: int
    seconds: float
    check: str  # "under" the target growth, or "over" it (the instrument check)

    @property
    def growth(self) -> int:
        return max(self.peak - self.before, 0)

    @property
    def ok(self) -> bool:
        if self.status != self.expected_status:
            return False
        return self.growth < TARGET_GROWTH if self.check == "under" else self.growth >= FILE_SIZE


# --- the server process ------------------------------------------------------------------------------------------


def server_env(directory: Path, **extra: str) -> dict[str, str]:
    """The portal's settings pointed at a temporary directory, with the bench's URLs."""
    for name in ("var", "media", "private", "static", "uploads"):
        (directory / name).mkdir(exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BASE_DIR), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PRODUCTION": "false",
        "DEBUG": "false",
        "GHISEUL_VAR_DIR": str(directory / "var"),
        "DATABASE_URL": f"sqlite:///{directory / 'var' / 'db.sqlite3'}",
        "CACHE_URL": "locmemcache://bench",
        "CELERY_BROKER_URL": "memory://",
        "AWS_STORAGE_BUCKET_NAME": "",
        "MEDIA_ROOT": str(directory / "media"),
        "PRIVATE_MEDIA_ROOT": str(directory / "private"),
        "STATIC_ROOT": str(directory / "static"),
        "FILE_UPLOAD_TEMP_DIR": str(directory / "uploads"),
        "MAX_REQUEST_BYTES": str(MAX_REQUEST_BYTES),
        **extra,
    }


def migrate(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=BASE_DIR, env=env, check=True
    )


class Server:
    """bench.server in a subprocess; its log goes to a file, shown when something fails."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log_path = log

    def __enter__(self) -> "Server":
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.server"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=self.log,
        )
        started = threading.Timer(SERVER_START_TIMEOUT, self.process.kill)
        started.start()
        try:
            line = self.process.stdout.readline() if self.process.stdout else b""
        finally:
            started.cancel()
        if not line.strip():
            self.__exit__()
            raise RuntimeError(f"The bench server did not start; see {self.log_path}:\n{self.log_text()}")
        self.port = int(line)
        self.pid = self.process.pid
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]


# --- memory of the server process --------------------------------------------------------------------------------


def proc_status(pid: int, field: str) -> int:
    """A memory line of /proc/<pid>/status, in bytes."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"/proc/{pid}/status has no {field}")


def reset_peak(pid: int) -> bool:
    """Reset the kernel's peak resident size (VmHWM) of the process to its current size; False where not allowed."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


class Sampler(threading.Thread):
    """Samples the process's resident size until stopped, keeping the largest."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, proc_status(self.pid, "VmRSS"))
            self.done.wait(0.002)

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def measured(
    server: Server, scenario: str, sent: int, expected_status: int, check: str, send: Callable[[], int]
) -> Row:
    precise = reset_peak(server.pid)
    before = proc_status(server.pid, "VmRSS")
    sampler = Sampler(server.pid)
    sampler.start()
    started = time.monotonic()
    try:
        status = send()
    finally:
        seconds = time.monotonic() - started
        sampled = sampler.stop()
    peak = max(sampled, proc_status(server.pid, "VmHWM") if precise else 0)
    return Row(scenario, sent, status, expected_status, before, peak, seconds, check)


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


def megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB"


def print_table(rows: list[Row]) -> None:
    header = ("scenario", "status", "sent", "RSS before", "peak RSS", "growth", "target", "time", "")
    lines = [
        (
            row.scenario,
            f"{row.status}" + ("" if row.status == row.expected_status else f" (want {row.expected_status})"),
            megabytes(row.sent),
            megabytes(row.before),
            megabytes(row.peak),
            megabytes(row.growth),
            ("< " if row.check == "under" else ">= ")
            + megabytes(TARGET_GROWTH if row.check == "under" else FILE_SIZE),
            f"{row.seconds:.2f} s",
            "ok" if row.ok else "MISSED",
        )
        for row in rows
    ]
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    for cells in [header, tuple("-" * width for width in widths), *lines]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())


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
    print()
    print_table(rows)
    if not reset_peak(os.getpid()):
        print("\n(VmHWM could not be reset here: the peaks are VmRSS sampled every 2 ms.)")
    missed = [row for row in rows if not row.ok]
    if missed:
        print(f"\nMISSED: {len(missed)} row(s); the target is a growth under {megabytes(TARGET_GROWTH)}.")
        return 1
    print(f"\nAll rows met their targets (growth under {megabytes(TARGET_GROWTH)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
