"""What every bench scenario shares: the server process on a temporary directory, its memory read from /proc while a
request runs, and the result table.

The growth of a row is the process's peak resident memory during the request (the kernel's VmHWM, reset before each
row through /proc/<pid>/clear_refs, and VmRSS sampled every 2 ms) less its resident memory just before it."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
FILE_SIZE = 20 * MB
TARGET_GROWTH = 30 * MB
MAX_REQUEST_BYTES = 110 * MB
CHUNK = 64 * 1024
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
    failure: str = ""  # why the answer was wrong although its status was right (the file was not stored, …)

    @property
    def growth(self) -> int:
        return max(self.peak - self.before, 0)

    @property
    def ok(self) -> bool:
        if self.status != self.expected_status or self.failure:
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


def manage(env: dict[str, str], *arguments: str) -> None:
    """Run a manage.py command on the bench's database; what it prints (the demo data's passwords, Wagtail's notes)
    is shown only when it fails."""
    done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, capture_output=True)
    if done.returncode:
        sys.stderr.buffer.write(done.stdout + done.stderr)
        done.check_returncode()


def migrate(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input", "-v", "0")


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


# --- the result --------------------------------------------------------------------------------------------------


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
            "ok" if row.ok else f"MISSED{': ' + row.failure if row.failure else ''}",
        )
        for row in rows
    ]
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    for cells in [header, tuple("-" * width for width in widths), *lines]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())


def report(rows: list[Row]) -> int:
    """Print the table and whether every row met its target: 0 when they all did, else 1."""
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
