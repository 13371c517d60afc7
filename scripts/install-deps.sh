#!/usr/bin/env bash
# Installs the Debian packages Berth builds, runs and is tested with. Idempotent: does nothing when all are present.
set -euo pipefail
packages=(
  runc docker.io containerd   # peers: the reference OCI runtime and dockerd 20.10, for side-by-side tests
  iptables iproute2           # bridge networking and NAT
  tini                        # tini-static: the init `run --init` mounts as the container's PID 1
  hyperfine                   # benchmarks in bench/
  tmux bsdextrautils          # driving interactive terminals in tests (tmux, script)
  gcc libc6-dev               # the single-threaded user-namespace helper (see native/berth-userns.c)
  skopeo python3-docker       # registry and SDK peers
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# dockerd must not be left running by the package: tests start their own on private sockets.
command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
