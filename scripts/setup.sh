#!/usr/bin/env bash
# Set-up on a fresh Debian 12 machine, as root: prerequisites, build, install on PATH, start the daemon.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
install -m 0755 artifacts/bin/berth-runtime artifacts/bin/berth-userns /usr/local/bin/
echo "installed: $(command -v berth-runtime) ($(berth-runtime --version | head -1))"
