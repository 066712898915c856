#!/usr/bin/env bash
# Set up letterlingo on a Debian machine: system libraries for WeasyPrint, GNU gettext and
# poppler (used by the tests), the web-page checkers (Chromium, a Java runtime, and the npm packages
# vnu-jar and axe-core in .tools/), and a virtual environment in .venv with the package.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Fonts: Noto for the scripts signatory names come in (CJK, Arabic, Hebrew, Indic, Thai, emoji),
# which PDF rendering falls back to through fontconfig.
DEBIAN_PACKAGES=(gettext poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
                 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
# Checkers of the built web pages (tests/test_published_pages.py): Chromium, driven by Playwright,
# runs axe-core; a Java runtime runs the Nu HTML Checker (vnu.jar). npm fetches both into .tools/.
DEBIAN_PACKAGES+=(chromium default-jre-headless)
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(npm)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned so every machine checks the pages with the same rules; a changed pin reinstalls.
# --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime of its own; Debian's is used.
NPM_TOOLS=(vnu-jar@26.9.27 axe-core@4.14.1)
missing_tools=()
for tool in "${NPM_TOOLS[@]}"; do
  name="${tool%@*}" version="${tool##*@}"
  grep -q "\"version\": \"$version\"" ".tools/node_modules/$name/package.json" 2>/dev/null || missing_tools+=("$tool")
done
if [ ${#missing_tools[@]} -gt 0 ]; then
  echo "setup: installing npm packages into .tools: ${missing_tools[*]}"
  npm install --prefix .tools --ignore-scripts --no-audit --no-fund --save-exact --loglevel=error "${missing_tools[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.letterlingo-setup
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing letterlingo and its test tools into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
