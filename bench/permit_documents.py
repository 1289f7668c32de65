"""How much the web process's memory grows while a citizen uploads a 20 MB PDF plan to a permit draft: target under
30 MB.

The product's own upload path, end to end: the real server (bench.server, as in bench.upload_memory) on a bench
database with the demo catalogue and accounts (``load_demo_data --cases 0``), where bench.permit_fixtures signs a
demo citizen in (a session in the database, as ``login()`` leaves it) and opens two drafts of the urbanism
certificate, whose plans slot takes 25 MB. Like a browser, the client reads the documents step
(``permits:documents``) for its CSRF cookie and token, then posts the form with the PDF streamed from disk — the
client never holds it. The view checks the file (libmagic, the PDF's objects walked by services.pdfcheck, SHA-256)
and keeps it in the draft, in private storage.

The PDF is real: one page showing a deflated image of random pixels (incompressible, so the file is as large as its
image), written once to the temporary directory, a chunk at a time.

Rows (growth measured as in bench.harness, after a warm-up upload of a 3 MB PDF to the other draft):
- a 20 MB PDF to the plans slot: the answer must be the redirect back to the documents step, and the draft must
  then hold exactly that file (same size and SHA-256, stored), or the row is missed however little memory it took.

Run: ``make bench`` or ``python -m bench.permit_documents``.
"""

import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid
import zlib
from collections.abc import Iterable, Iterator
from http.cookies import SimpleCookie
from pathlib import Path

from bench.harness import BASE_DIR, CHUNK, FILE_SIZE, MB, Row, Server, manage, measured, migrate, report, server_env

IMAGE_WIDTH = 4096  # pixels, RGB
PAGE_WIDTH = 1191  # points: an A3 sheet's long side
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
FILE_NAME = "plan.pdf"
# The message of a refused file, in the page's language: “plan.pdf” … in English, „plan.pdf” … in Romanian.
REFUSAL = re.compile("[“„]" + re.escape(FILE_NAME) + "”[^<]*")


# --- the PDF -----------------------------------------------------------------------------------------------------


def random_pixels(size: int) -> Iterator[bytes]:
    for start in range(0, size, CHUNK):
        yield os.urandom(min(CHUNK, size - start))


def write_pdf(path: Path, size: int) -> int:
    """Write a one-page PDF of about `size` bytes, most of them one image's pixels; its size."""
    height = max(1, size // (IMAGE_WIDTH * 3))
    page_height = PAGE_WIDTH * height // IMAGE_WIDTH or 1
    content = f"q {PAGE_WIDTH} 0 0 {page_height} 0 0 cm /Im0 Do Q".encode()
    offsets: list[int] = []
    with path.open("wb") as pdf:

        def begin(number: int) -> None:
            offsets.append(pdf.tell())
            pdf.write(f"{number} 0 obj\n".encode())

        pdf.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        begin(1)
        pdf.write(b"<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        begin(2)
        pdf.write(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
        begin(3)
        pdf.write(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {page_height}] "
            "/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>\nendobj\n".encode()
        )
        begin(4)
        pdf.write(b"<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(content), content))
        begin(5)
        pdf.write(
            f"<< /Type /XObject /Subtype /Image /Width {IMAGE_WIDTH} /Height {height} /ColorSpace /DeviceRGB "
            "/BitsPerComponent 8 /Filter /FlateDecode /Length 6 0 R >>\nstream\n".encode()
        )
        start = pdf.tell()
        deflate = zlib.compressobj(1)
        for pixels in random_pixels(IMAGE_WIDTH * height * 3):
            pdf.write(deflate.compress(pixels))
        pdf.write(deflate.flush())
        length = pdf.tell() - start
        pdf.write(b"\nendstream\nendobj\n")
        begin(6)
        pdf.write(b"%d\nendobj\n" % length)
        xref = pdf.tell()
        pdf.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            pdf.write(b"%010d 00000 n \n" % offset)
        pdf.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
        return pdf.tell()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- the citizen's browser ---------------------------------------------------------------------------------------


class Browser:
    """A signed-in citizen's browser: one connection per request, the cookies of every answer kept."""

    def __init__(self, port: int, cookies: dict[str, str]) -> None:
        self.port = port
        self.cookies = dict(cookies)

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: Iterable[bytes] = ()
    ) -> tuple[http.client.HTTPResponse, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.putrequest(method, path)
            connection.putheader("Cookie", "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            for part in body:
                connection.send(part)
            response = connection.getresponse()
            answer = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return response, answer

    def form_token(self, path: str) -> str:
        """Open a form's page, as a browser does before posting it: the CSRF token of its form."""
        response, page = self.request("GET", path)
        found = CSRF_FIELD.search(page)
        if response.status != 200 or not found:
            raise RuntimeError(f"GET {path} answered {response.status} without a form to post")
        return found.group(1).decode()

    def post_file(self, path: str, token: str, field: str, file: Path) -> tuple[int, str]:
        """Post a multipart form of the CSRF token and one file, streamed from disk; the status and where it
        redirects to, or the refusal the page shows."""
        boundary = uuid.uuid4().hex
        head = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n"
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{FILE_NAME}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()

        def body() -> Iterator[bytes]:
            yield head
            with file.open("rb") as content:
                yield from iter(lambda: content.read(CHUNK), b"")
            yield tail

        response, page = self.request(
            "POST",
            path,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(len(head) + file.stat().st_size + len(tail)),
            },
            body(),
        )
        refusal = REFUSAL.search(page.decode(errors="replace"))
        return response.status, response.getheader("Location") or (refusal.group(0) if refusal else "")


# --- the scenario ------------------------------------------------------------------------------------------------


def fixtures(env: dict[str, str], *arguments: str) -> object:
    """Run a command of bench.permit_fixtures on the bench's database; what it answered."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.permit_fixtures", *arguments],
        cwd=BASE_DIR,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def documents_path(draft: str) -> str:
    return f"/cereri-nefinalizate/{draft}/documente/"


def uploaded(env: dict[str, str], server: Server, warm_up: Path, plan: Path) -> Row:
    prepared = fixtures(env, "prepare")
    assert isinstance(prepared, dict)
    browser = Browser(server.port, prepared["cookies"])
    field = prepared["field"]
    warm_draft, draft = prepared["drafts"]
    # Warm-up: the same path once (3 MB: past FILE_UPLOAD_MAX_MEMORY_SIZE, so through a temporary file like the
    # row), so that the row measures the request, not imports and first-use caches.
    browser.post_file(documents_path(warm_draft), browser.form_token(documents_path(warm_draft)), field, warm_up)
    path = documents_path(draft)
    token = browser.form_token(path)
    answer = ""

    def send() -> int:
        nonlocal answer
        status, answer = browser.post_file(path, token, field, plan)
        return status

    size = plan.stat().st_size
    row = measured(server, "permit draft: a 20 MB PDF uploaded to the documents step", size, 302, "under", send)
    held = fixtures(env, "files", draft)
    expected = {"name": FILE_NAME, "content_type": "application/pdf", "size": size, "sha256": sha256_of(plan)}
    if row.status == 302 and answer != path:
        row.failure = f"redirected to {answer}"
    elif row.status != 302 and answer:
        row.failure = answer
    elif row.status == 302 and held != [{**expected, "stored_size": size}]:
        row.failure = f"the draft holds {held}"
    return row


def main() -> int:
    print("bench.permit_documents: peak memory growth of the web process taking a 20 MB PDF at a permit draft")
    with tempfile.TemporaryDirectory(prefix="ghiseul-bench-") as temporary:
        directory = Path(temporary)
        env = server_env(directory)
        print("  migrating a fresh SQLite database, loading the demo catalogue, writing the PDFs…", flush=True)
        migrate(env)
        manage(env, "load_demo_data", "--cases", "0")
        warm_up, plan = directory / "warm-up.pdf", directory / FILE_NAME
        write_pdf(warm_up, 3 * MB)
        write_pdf(plan, FILE_SIZE)
        with Server(env, directory / "server.log") as server:
            rows = [uploaded(env, server, warm_up, plan)]
            if not all(row.ok for row in rows):
                print(server.log_text(), file=sys.stderr)
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
