"""The benchmark's web server: the portal's WSGI application under the standard library's wsgiref on a free loopback
port, which it prints on its first line of output. One request at a time, in this one process, whose memory the
scenarios read from /proc."""

import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    with make_server("127.0.0.1", 0, application, handler_class=QuietHandler) as httpd:
        print(httpd.server_port, flush=True)
        sys.stdout.close()
        httpd.serve_forever()


if __name__ == "__main__":
    main()
