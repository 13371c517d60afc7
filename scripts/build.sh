#!/usr/bin/env bash
# Builds Berth's executables into artifacts/bin (berth-runtime as NativeAOT).
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/bin
mkdir -p "$out"
dotnet publish src/Berth.Runtime/Berth.Runtime.csproj -c Release -r linux-x64 -o "$out" -nologo -v quiet
rm -f "$out"/*.dbg
# The single-threaded user-namespace helper (see its header for why it is C); it must sit next to berth-runtime.
gcc -O2 -Wall -Wextra -Werror -o "$out/berth-userns" native/berth-userns.c
