"""pandoc, the one converter behind document import and the Word/ODT editions.

pypandoc-binary ships pandoc itself, so the version (and with it every byte of the output) is
the one the project installed, not whatever the machine happens to have. Documents travel as
pandoc's JSON AST, which Python can walk and build without a Lua filter or a second parser.
"""

from __future__ import annotations

import json
import os
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

#: pandoc's AST: {"pandoc-api-version": [...], "meta": {...}, "blocks": [...]}.
Ast = dict[str, Any]


class PandocError(Exception):
    """pandoc refused the input; the message is its first line of complaint."""


@cache
def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


@cache
def api_version() -> list[int]:
    """The AST version this pandoc writes, for documents built from scratch."""
    return list(read_ast(b"x", "markdown")["pandoc-api-version"])


def _run(args: list[str], data: bytes, env: dict[str, str] | None = None) -> bytes:
    try:
        done = subprocess.run([pandoc_path(), *args], input=data, capture_output=True, env=env, timeout=300)
    except subprocess.TimeoutExpired:
        raise PandocError("took more than 5 minutes; is the document very large?") from None
    except OSError as exc:
        raise PandocError(f"could not run pandoc ({exc.strerror}): reinstall letterlingo") from None
    if done.returncode != 0:
        lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        raise PandocError(lines[0] if lines else f"pandoc exited with {done.returncode}")
    return done.stdout


def read_ast(data: bytes, kind: str, *, extra: list[str] | None = None) -> Ast:
    """A document (its bytes) as pandoc's AST. Tracked changes are taken as accepted."""
    args = ["-f", kind, "-t", "json", *(extra or [])]
    if kind == "docx":
        args.append("--track-changes=accept")
    return dict(json.loads(_run(args, data)))


def write_text(ast: Ast, kind: str) -> str:
    """The AST as text in `kind` (a Markdown flavour), one paragraph per line, never wrapped."""
    return _run(["-f", "json", "-t", kind, "--wrap=none"], json.dumps(ast).encode("utf-8")).decode("utf-8")


def write_binary(ast: Ast, kind: str, reference: Path | None, epoch: int) -> bytes:
    """A .docx or .odt from the AST. `SOURCE_DATE_EPOCH` fixes every date pandoc writes, so the
    same AST gives the same bytes."""
    args = ["-f", "json", "-t", kind, "-o", "-"]
    if reference is not None:
        args.append(f"--reference-doc={reference}")
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    return _run(args, json.dumps(ast).encode("utf-8"), env=env)
