#!/usr/bin/env bash
# Installs Debian's redis-server for the specs that need a real Redis when it is missing
# (needs root and apt). The specs start their own server on a free port.
set -euo pipefail
if command -v redis-server >/dev/null; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "redis-server is missing: install Debian's redis-server package (apt-get install -y redis-server)." >&2
  exit 1
fi
echo "installing Debian's redis-server ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq redis-server >/dev/null
# The package starts a system-wide server; the specs do not use it.
(service redis-server stop >/dev/null 2>&1 || true)
redis-server --version
