#!/usr/bin/env bash
# Builds Berth's executables, all NativeAOT, into artifacts/: berth-runtime, berth-monitor and berth in artifacts/bin; berthd in
# artifacts/berthd beside the SQLite library it loads, with a launcher at artifacts/bin/berthd.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bin
mkdir -p "$out"
dotnet publish src/Berth.Runtime/Berth.Runtime.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
dotnet publish src/Berth.Cli/Berth.Cli.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
dotnet publish src/Berth.Monitor/Berth.Monitor.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
rm -rf artifacts/berthd
dotnet publish src/Berth.Daemon/Berth.Daemon.csproj -c Release -r linux-x64 -o artifacts/berthd -nologo -v quiet
# Publishing copies the pdbs (and runtime configs) of the projects referenced; the binaries are stripped anyway, and
# NativeAOT executables read no runtimeconfig.json.
rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.runtimeconfig.json artifacts/berthd/*.dbg artifacts/berthd/*.pdb \
  artifacts/berthd/*.runtimeconfig.json artifacts/berthd/*.staticwebassets.*
# The launcher finds the published folder beside it (artifacts/) or where setup.sh installs it (/usr/local/lib/berth).
cat > "$out/berthd" <<'LAUNCHER'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
for dir in "$here/../berthd" "$here/../lib/berth/berthd"; do
  [ -x "$dir/berthd" ] && exec "$dir/berthd" "$@"
done
echo "berthd: the published daemon folder is missing (run scripts/build.sh)" >&2
exit 1
LAUNCHER
chmod 0755 "$out/berthd"
# The single-threaded user-namespace helper (see its header for why it is C); it must sit next to berth-runtime.
gcc -O2 -Wall -Wextra -Werror -o "$out/berth-userns" native/berth-userns.c
