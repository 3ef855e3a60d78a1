#!/usr/bin/env bash
# Installs Debian's Chromium for the browser specs when it is missing (needs root and apt).
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "Chromium is missing at $path: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "installing Debian's chromium ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
"$path" --version
