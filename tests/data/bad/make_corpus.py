"""Write the corpus files whose bytes an editor or a diff would mangle (Latin-1, NUL, BOM, CRLF)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

LETTER = """---
title: "A letter"
language: en
---

Dear Members,

We, **109 signatories**, ask for more.

<!-- signatories -->

## Signed by

- Awel
"""

PO = """msgid ""
msgstr ""
"Project-Id-Version: letterlingo letter\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. title
#: letters/letter.md:2
msgid "A letter"
msgstr "Ein Brief"
"""

TOML = 'name = "bad"\nsource_language = "en"\nlocales = ["en", "de"]\n'


def main() -> None:
    files = {
        # Latin-1 bytes (Größe, café) in files that declare no charset (or are UTF-8 by definition).
        "letters/latin1.md": LETTER.replace("ask for more", "ask for caf\u00e9 Gr\u00f6\u00dfe").encode("latin-1"),
        "po/latin1-no-charset.po": PO.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "")
        .replace("Ein Brief", "Ein Brief f\u00fcr alle").encode("latin-1"),
        "config/latin1.toml": TOML.replace('name = "bad"', 'name = "caf\u00e9"').encode("latin-1"),
        # NUL bytes: binary files saved under a text name.
        "letters/nul.md": LETTER.replace("ask for more", "ask\x00for more").encode(),
        "po/nul.po": PO.replace("Ein Brief", "Ein\x00Brief").encode(),
        "config/nul.toml": TOML.replace('name = "bad"', 'name = "b\x00ad"').encode(),
        # Valid after all: a UTF-8 byte order mark and Windows line ends.
        "tolerated/bom.md": b"\xef\xbb\xbf" + LETTER.encode(),
        "tolerated/crlf.md": LETTER.replace("\n", "\r\n").encode(),
        "tolerated/bom.po": b"\xef\xbb\xbf" + PO.encode(),
        "tolerated/crlf.po": PO.replace("\n", "\r\n").encode(),
        "tolerated/bom.toml": b"\xef\xbb\xbf" + TOML.encode(),
        "tolerated/crlf.toml": TOML.replace("\n", "\r\n").encode(),
    }
    for name, data in files.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    main()
