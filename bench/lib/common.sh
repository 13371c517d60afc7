# Shared helpers for Berth's benchmarks: sourced, never run. Paths follow the tests' conventions.

# The repository root (bench/lib/..).
bench_repo_root() { (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd); }

bench_die() { echo "error: $*" >&2; exit 1; }

bench_require_root() { [ "$(id -u)" = 0 ] || bench_die "run as root (containers need namespaces and cgroups)"; }

bench_require() {
  local tool
  for tool in "$@"; do command -v "$tool" >/dev/null || bench_die "$tool is required (scripts/install-deps.sh installs it)"; done
}

# BERTH_IMAGES_DIR, or ../shared/images beside the repository.
bench_images_dir() {
  local dir=${BERTH_IMAGES_DIR:-$(cd "$(bench_repo_root)/.." && pwd)/shared/images}
  [ -d "$dir" ] || bench_die "no test images at $dir (set BERTH_IMAGES_DIR)"
  echo "$dir"
}

# berth-runtime: BERTH_RUNTIME (any runc-compatible binary), BERTH_BIN_DIR/berth-runtime, artifacts/bin, or PATH.
bench_berth_runtime() {
  local candidate
  for candidate in "${BERTH_RUNTIME:-}" "${BERTH_BIN_DIR:+$BERTH_BIN_DIR/berth-runtime}" \
      "$(bench_repo_root)/artifacts/bin/berth-runtime" "$(command -v berth-runtime || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
  bench_die "berth-runtime not found: run scripts/build.sh, or set BERTH_BIN_DIR or BERTH_RUNTIME"
}

# Makes an OCI bundle at $1 whose rootfs is the alpine minirootfs and whose process runs $2 without a terminal.
bench_make_alpine_bundle() {
  local bundle=$1 program=$2 images tarball
  images=$(bench_images_dir)
  tarball=$(ls "$images"/alpine-3.20/alpine-minirootfs-*.tar.gz 2>/dev/null | head -1)
  [ -n "$tarball" ] || bench_die "no alpine minirootfs tarball in $images/alpine-3.20"
  mkdir -p "$bundle/rootfs"
  tar -xzf "$tarball" -C "$bundle/rootfs"
  (cd "$bundle" && runc spec)
  # runc's template: one "terminal": true and args ["sh"]; anything else means the template changed.
  sed -i -e 's/"terminal": true/"terminal": false/' -e "s|^\([[:space:]]*\)\"sh\"\$|\1\"$program\"|" "$bundle/config.json"
  grep -q '"terminal": false' "$bundle/config.json" && grep -q "\"$program\"" "$bundle/config.json" \
    || bench_die "could not adjust $bundle/config.json (runc spec output changed?)"
}

# Deletes every container a runtime still knows under a state root, then the root itself.
bench_delete_all() {
  local runtime=$1 root=$2 id
  [ -d "$root" ] || return 0
  for id in $("$runtime" --root "$root" list -q 2>/dev/null); do
    "$runtime" --root "$root" delete --force "$id" >/dev/null 2>&1 || true
  done
  rm -rf --one-file-system "$root"
}

# hyperfine over two commands (plus an optional third that always runs last), $2 rounds that alternate which of the
# two goes first, each with the caller's $warmup + $runs runs per command. Appends to $1/all.txt one line per round
# and command, "round N NAME mean M ms ± S ms median D ms", and echoes it; hyperfine's stderr goes to $1/hyperfine.err.
#   bench_hyperfine_rounds WORK ROUNDS NAME-A CMD-A NAME-B CMD-B [NAME-C CMD-C]
bench_hyperfine_rounds() {
  local work=$1 rounds=$2 a=$3 a_cmd=$4 b=$5 b_cmd=$6 round order last=()
  [ $# -ge 8 ] && last=(-n "$7" "$8")
  : > "$work/hyperfine.err"
  for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) = 1 ]; then order=(-n "$a" "$a_cmd" -n "$b" "$b_cmd"); else order=(-n "$b" "$b_cmd" -n "$a" "$a_cmd"); fi
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-csv "$work/round-$round.csv" \
      "${order[@]}" "${last[@]}" >/dev/null 2>>"$work/hyperfine.err" \
      || { cat "$work/hyperfine.err" >&2; bench_die "hyperfine failed in round $round"; }
    # CSV columns: command (the -n name),mean,stddev,median,user,system,min,max, in seconds.
    awk -F, -v round="$round" 'NR > 1 {
        printf "round %d  %-16s mean %7.2f ms  ± %6.2f ms   median %7.2f ms\n", round, $1, $2 * 1000, $3 * 1000, $4 * 1000
      }' \
      "$work/round-$round.csv" | tee -a "$work/all.txt"
  done
}
