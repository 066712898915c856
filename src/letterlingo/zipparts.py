"""Word and OpenDocument files as their parts: read, changed, and written back unchanged in all
else (order, dates, compression), so a file that was reproducible stays so and an ODT keeps its
`mimetype` first and uncompressed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from .xmlfiles import safe_parser


class Parts:
    """The members of a zip file, in order, with their bytes."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.infos = archive.infolist()
            self.contents = {info.filename: archive.read(info.filename) for info in self.infos}

    def xml(self, name: str) -> Any:
        """A part parsed with the parser for untrusted XML (the file may come from anywhere)."""
        return etree.fromstring(self.contents[name], safe_parser())

    def set_xml(self, name: str, root: Any) -> None:
        self.contents[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def add(self, name: str, data: bytes, like: str) -> None:
        """A new member, dated and compressed like the member `like`."""
        model = next(info for info in self.infos if info.filename == like)
        info = zipfile.ZipInfo(name, date_time=model.date_time)
        info.compress_type = model.compress_type
        self.infos.append(info)
        self.contents[name] = data

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for info in self.infos:
                archive.writestr(info, self.contents[info.filename], compress_type=info.compress_type)
        return out.getvalue()
