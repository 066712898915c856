"""`letterlingo review`: the review page for every letter and language, served from this machine,
saving straight into the catalogues.

Only 127.0.0.1 by default: another address needs a token, which every request must carry
(the pages carry it in their save address). A save made from a page whose catalogue has
changed since is refused (409), never merged blindly: two tabs or two people cannot overwrite
each other's work.
"""

from __future__ import annotations

import hmac
import json
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from markupsafe import escape

from ..config import Config
from ..errors import LetterlingoError
from ..languages import native_name, protocol_order
from ..project import letter_slugs
from .merge import Conflict, merge_review, validate_review
from .pack import load_pack, render_pack

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_BODY = 5_000_000


def check_address(host: str, token: str | None) -> None:
    """Serving beyond this machine without a token would let anyone on the network write."""
    if host not in LOCAL_HOSTS and not token:
        raise LetterlingoError(f"--host {host}: serving beyond this machine needs --token (anyone who can reach "
                               "the port could change the catalogues)")


class ReviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, config: Config, host: str, port: int, token: str | None = None) -> None:
        check_address(host, token)
        self.config = config
        self.token = token
        self.lock = threading.Lock()  # one merge at a time: each reads, compares and writes a file
        if ":" in host:
            self.address_family = socket.AF_INET6
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise LetterlingoError(f"cannot listen on {host} port {port}: {exc.strerror or exc}") from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = host.decode() if isinstance(host, bytes) else str(host)
        if ":" in shown:  # an IPv6 address is bracketed in a URL
            shown = f"[{shown}]"
        return f"http://{shown}:{port}/"


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        """Quiet: the command prints what matters."""

    def _token_ok(self, query: dict[str, list[str]]) -> bool:
        expected = self.server.token
        if not expected:
            return True
        given = query.get("token", [""])[0] or self.headers.get("X-Letterlingo-Token", "")
        return hmac.compare_digest(given, expected)

    def _send(self, status: int, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False), "application/json; charset=utf-8")

    def _route(self) -> tuple[list[str], dict[str, list[str]]] | None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if not self._token_ok(query):
            self._send(HTTPStatus.FORBIDDEN, "forbidden: the address needs its token")
            return None
        return [piece for piece in parts.path.split("/") if piece], query

    def _suffix(self) -> str:
        return f"?token={quote(self.server.token)}" if self.server.token else ""

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        routed = self._route()
        if routed is None:
            return
        pieces, _ = routed
        config = self.server.config
        try:
            if not pieces:
                self._send(HTTPStatus.OK, _listing(config, self._suffix()))
            elif len(pieces) == 3 and pieces[0] == "review":
                slug, locale = pieces[1], pieces[2]
                self._known(slug, locale)
                pack = load_pack(config, slug, locale)
                page = render_pack(pack, served=True, save_url=f"/save/{quote(slug)}/{quote(locale)}{self._suffix()}")
                self._send(HTTPStatus.OK, page)
            else:
                self._send(HTTPStatus.NOT_FOUND, "not found")
        except LetterlingoError as exc:
            self._send(HTTPStatus.NOT_FOUND, str(escape(str(exc))))

    def _foreign_request(self) -> str:
        """Why a save does not come from our own page, or "": another web site open in the same
        browser could otherwise post to this port (a JSON body forces the browser to ask first,
        and the origin and host must be this server's, which also stops DNS rebinding)."""
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return "saves are JSON"
        if self.headers.get("Sec-Fetch-Site") == "cross-site":
            return "saves come from this server's own pages"
        host = self.headers.get("Host", "")
        port = self.server.server_address[1]
        if not self.server.token and host not in {f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}:
            return f"unexpected Host {host!r}"
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{host}":
            return f"saves come from this server's own pages, not {origin!r}"
        return ""

    def _known(self, slug: str, locale: str) -> None:
        config = self.server.config
        if slug not in letter_slugs(config) or locale not in config.target_locales:
            raise LetterlingoError(f"no letter {slug!r} in {locale!r} here")

    def do_POST(self) -> None:  # noqa: N802 - the base class's name
        routed = self._route()
        if routed is None:
            return
        pieces, _ = routed
        if len(pieces) != 3 or pieces[0] != "save":
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        slug, locale = pieces[1], pieces[2]
        refusal = self._foreign_request()
        if refusal:
            self._json(HTTPStatus.FORBIDDEN, {"error": refusal})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > MAX_BODY:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "empty or too large"})
            return
        try:
            self._known(slug, locale)
            review = validate_review(json.loads(self.rfile.read(length).decode("utf-8")), "the page")
            if (review["slug"], review["locale"]) != (slug, locale):
                raise LetterlingoError("the review is for another letter or language")
            with self.server.lock:
                result = merge_review(self.server.config, review, "the page", base=str(review.get("base", "")))
                base = load_pack(self.server.config, slug, locale).base
        except Conflict as exc:
            self._json(HTTPStatus.CONFLICT, {"error": str(exc)})
            return
        except RecursionError:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "not a review (nested too deeply)"})
            return
        except (LetterlingoError, ValueError, UnicodeDecodeError) as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        self._json(HTTPStatus.OK, {"base": base, "approved": result.approved, "edited": result.edited,
                                   "refused": result.refused, "stale": result.stale})


def _listing(config: Config, suffix: str) -> str:
    rows = []
    for slug in letter_slugs(config):
        links = " · ".join(f'<a href="/review/{quote(slug)}/{quote(code)}{escape(suffix)}" lang="{code}">'
                           f"{escape(native_name(code))}</a>"
                           for code in protocol_order(config.target_locales) if config.po_file(slug, code).is_file())
        rows.append(f"<li><strong>{escape(slug)}</strong>: {links}</li>")
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Review</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>'
            f"<h1>Review</h1><ul>{''.join(rows)}</ul></main></body></html>")


def serve(config: Config, host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> ReviewServer:
    """A started server (in a thread); the caller stops it with `shutdown()`."""
    server = ReviewServer(config, host, port, token)
    # A short poll interval: shutdown() waits for the loop to notice, half a second by default.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server


__all__ = ["ReviewServer", "check_address", "serve"]
