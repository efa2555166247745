"""The sign-in page's probe of the identity provider: every way a provider can be broken is a short reason,
never an exception (the page shows it instead of a sign-in button that would fail after the redirect)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assessor.app.signin import provider_problem

ANSWERS = {
    "/ok": (200, b'{"issuer": "x", "authorization_endpoint": "http://x/auth"}'),
    "/html": (200, b"<html><body>Welcome to nginx!</body></html>"),
    "/list": (200, b"[1, 2, 3]"),
    "/no-endpoint": (200, b'{"issuer": "x"}'),
    "/error": (500, b"internal error"),
}


class _Provider(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = ANSWERS.get(self.path, (404, b"not found"))
        self.send_response(status)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """A local HTTP server answering as a working, a misconfigured and a failing provider, by path."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("path", "words"),
    [("/html", "not an OpenID Connect configuration"), ("/list", "not an OpenID Connect configuration"),
     ("/no-endpoint", "not an OpenID Connect configuration"), ("/error", "Internal Server Error"),
     ("/missing", "Not Found")],
)  # fmt: skip
def test_a_broken_provider_is_a_reason(provider: str, path: str, words: str) -> None:
    """HTML, a JSON list, a configuration without an authorization endpoint, a 500 and a 404 each give a reason
    naming the URL."""
    problem = provider_problem({"server_metadata_url": f"{provider}{path}"})
    assert problem is not None and words in problem and path in problem


def test_a_missing_setting_is_a_reason() -> None:
    """No metadata URL, or one that is not http(s), is a reason of its own (nothing is fetched)."""
    assert "no server_metadata_url" in str(provider_problem({}))
    assert "no server_metadata_url" in str(provider_problem({"server_metadata_url": "file:///etc/passwd"}))


def test_a_working_provider_gives_no_reason(provider: str) -> None:
    """A provider serving an OpenID configuration passes the probe."""
    assert provider_problem({"server_metadata_url": f"{provider}/ok"}) is None
