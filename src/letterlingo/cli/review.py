"""`letterlingo review`: the review pages of the whole project, served from this machine."""

from __future__ import annotations

import click

from .app import common_options, config_from_context, console


@click.command("review")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this machine needs --token.")
@click.option("--token", default=None, help="A secret every request must carry (the pages carry it).")
@common_options
def review_command(port: int, host: str, token: str | None) -> None:
    """Serve a review page for every letter and language; "Save" writes into the .po at once.

    A save against a catalogue that changed since the page was loaded is refused, so two tabs
    or two reviewers never overwrite each other. Stop with Ctrl+C.
    """
    import time

    from ..review.server import serve

    config = config_from_context()
    server = serve(config, host, port, token)
    suffix = f"?token={token}" if token else ""
    console.print(f"review pages at {server.url}{suffix} (Ctrl+C to stop)", markup=False)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()


command = review_command
