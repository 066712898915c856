#!/usr/bin/env bash
# Set up, then run the whole test suite (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Bytecode and pytest's rewritten test modules are kept between runs (some machines turn that off).
unset PYTHONDONTWRITEBYTECODE
exec .venv/bin/python -m pytest "$@"
