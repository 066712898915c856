"""The only door WeasyPrint has to the outside: files under the package's and project's assets.

WeasyPrint's default fetcher reads any URL, local files included, and `<link rel=attachment>`
would embed e.g. /etc/passwd into the PDF. Translations are untrusted input, so rendering
gets this fetcher instead, which refuses everything but files inside the allowed folders.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)


class AssetFetcher(URLFetcher):
    """Serves `file:` URLs inside `roots`; every other URL is refused (and logged)."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)
        self.roots = [Path(root).resolve() for root in roots]
        self.refused: list[str] = []

    def allows(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_file():
            return None
        if any(path.is_relative_to(root) for root in self.roots):
            return path
        return None

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.allows(url)
        if path is None:
            self.refused.append(url)
            log.info("refused to fetch %s", url)
            raise ValueError(f"letterlingo does not fetch {url!r}: only the project's own assets")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
