"""`translate --help`'s engine list, written from the registry so it cannot fall behind it."""

from __future__ import annotations


def engine_help() -> str:
    """Help epilog: every built-in engine with its line and environment, without importing any."""
    from .registry import BUILTINS

    lines = ["\b", "Engines (and any installed through the `letterlingo.engines` entry-point group):"]
    for name, engine in BUILTINS.items():
        lines.append(f"  {name:<10} {engine.help}" + (f"; {engine.environment}" if engine.environment else ""))
    lines += ["", "\b", "Online engines: request timeout LETTERLINGO_HTTP_TIMEOUT (seconds, default 30); retries",
              "LETTERLINGO_RETRIES (default 4), LETTERLINGO_RETRY_DELAY (first wait, default 1 s, doubling),",
              "LETTERLINGO_RETRY_MAX_DELAY; after LETTERLINGO_MAX_FAILURES failed calls in a row (default 3)",
              "an engine is not used for the rest of the run. DeepL and Microsoft are paid: a timed-out",
              "request to them is not retried, since it may have been billed."]
    return "\n".join(lines) + "\n"
