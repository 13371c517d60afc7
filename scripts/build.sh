#!/usr/bin/env bash
# Builds Berth's executables into artifacts/: berth-runtime, berth-monitor and berth as NativeAOT in artifacts/bin, berthd framework-dependent
# in artifacts/berthd (ASP.NET Core's shared framework is part of the .NET install) with a launcher at artifacts/bin/berthd.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bin
mkdir -p "$out"
dotnet publish src/Berth.Runtime/Berth.Runtime.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
dotnet publish src/Berth.Cli/Berth.Cli.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
dotnet publish src/Berth.Monitor/Berth.Monitor.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
rm -rf artifacts/berthd
dotnet publish src/Berth.Daemon/Berth.Daemon.csproj -c Release -r linux-x64 --self-contained false -o artifacts/berthd -nologo -v quiet
# Publishing berth-monitor copies the pdbs of the projects it references; the binaries are stripped anyway.
rm -f "$out"/*.dbg "$out"/*.pdb artifacts/berthd/*.pdb
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
