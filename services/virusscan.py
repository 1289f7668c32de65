"""The virus scanner: clamd's INSTREAM protocol over its unix socket (CLAMAV_SOCKET), the bytes sent in chunks."""

import socket
import struct

CLAMD_CHUNK = 64 * 1024
CLAMD_TIMEOUT = 30


class ScannerUnavailable(Exception):
    """The virus scanner could not be reached or did not answer as expected."""


def clamd_scan(chunks, socket_path, timeout=CLAMD_TIMEOUT):
    """Scan bytes with clamd's INSTREAM command over its unix socket; True when clean, False when infected.

    Raises ScannerUnavailable when the scanner cannot be reached or answers with an error."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(socket_path)
            conn.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CLAMD_CHUNK):
                    part = chunk[start : start + CLAMD_CHUNK]
                    conn.sendall(struct.pack("!L", len(part)) + part)
            conn.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                received = conn.recv(4096)
                if not received:
                    break
                reply += received
    except OSError as error:  # socket.timeout is an OSError too
        raise ScannerUnavailable(str(error)) from error
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer.endswith("FOUND"):
        return False
    if answer.endswith("OK"):
        return True
    raise ScannerUnavailable(answer or "empty reply")
