#!/usr/bin/env bash
# The main job: set up, then bring the example letters' catalogues up to date and build
# every letter into every configured locale.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
letterlingo extract
letterlingo update
letterlingo status
letterlingo build "$@"
