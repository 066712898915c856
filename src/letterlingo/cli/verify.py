"""`letterlingo verify`: every signatory line in every built edition, in order, as written."""

from __future__ import annotations

import json

import click

from ..config import select_locales
from ..errors import VerifyFailed
from .app import common_options, config_from_context, console, locale_option


@click.command("verify")
@click.argument("slugs", nargs=-1)
@locale_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for CI.")
@common_options
def verify_command(slugs: tuple[str, ...], locales: tuple[str, ...], as_json: bool) -> None:
    """Prove that every built edition shows every signatory line, in order, as written.

    Reads the PDF text layer and the HTML of each edition listed in output/manifest.json and
    records the result there. Exit 1 names the edition and the first missing name.
    """
    from ..project import select_slugs
    from ..verify import verify_project

    config = config_from_context()
    chosen = select_locales(config, locales, include_source=True) if locales else None
    proofs = verify_project(config, select_slugs(config, slugs), chosen)
    failed = [proof for proof in proofs if not proof.ok]
    if as_json:
        click.echo(json.dumps([
            {"letter": p.slug, "locale": p.locale, "ok": p.ok,
             "files": {kind: {"path": r.path, "names": r.total, "verified": r.found, "partly": r.partly,
                              "unchecked": r.unchecked,
                              "missing": [{"name": m.text, "line": m.line} for m in r.missing],
                              "extra": r.extra, "error": r.error}
                       for kind, r in p.files.items()}}
            for p in proofs], indent=2, ensure_ascii=False))
    else:
        for proof in proofs:
            for result in proof.files.values():
                if result.ok:
                    console.print("ok   " + result.summary(), markup=False)
                else:  # on stderr, so -q still shows what failed
                    click.echo("FAIL " + result.summary(), err=True)
        files = sum(len(p.files) for p in proofs)
        console.print(f"{len(proofs) - len(failed)} of {len(proofs)} editions verified ({files} files)")
    if failed:
        raise VerifyFailed()


command = verify_command
