#!/usr/bin/env bash
# Container start time: `berth-runtime run` beside `runc run` of the same alpine bundle running /bin/true,
# with the kernel floor (unshare + chroot, no runtime) for reference. Prints means and the ratio berth/runc.
#
#   sudo bench/runtime-start.sh                        # berth-runtime from BERTH_BIN_DIR, artifacts/bin or PATH
#   sudo BERTH_RUNTIME=/usr/sbin/runc bench/runtime-start.sh   # check the bench itself (ratio ≈ 1)
#
# ROUNDS (default 6) hyperfine rounds alternate which runtime goes first; each does WARMUP (3) + RUNS (20) runs
# per command. BERTH_BENCH_BUNDLE=<dir> makes the bundle there once and reuses it on later runs.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

bench_require_root
bench_require hyperfine runc unshare chroot tar awk
berth=$(bench_berth_runtime)
runc=$(command -v runc)
rounds=${ROUNDS:-6} runs=${RUNS:-20} warmup=${WARMUP:-3}

work=$(mktemp -d /tmp/berth-bench.XXXXXX)
cleanup() {
  bench_delete_all "$berth" "$work/state-berth"
  bench_delete_all "$runc" "$work/state-runc"
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A bundle named by BERTH_BENCH_BUNDLE is made once and kept; otherwise it lives and dies with this run.
bundle=${BERTH_BENCH_BUNDLE:-$work/bundle}
[ -f "$bundle/config.json" ] || bench_make_alpine_bundle "$bundle" /bin/true

# hyperfine repeats one command line, but every container needs its own id: the wrapper reads a fresh uuid
# (a builtin read, no extra process) and becomes the runtime (exec), so it adds one shell start to both sides.
cat > "$work/start-one" <<'SH'
#!/bin/sh
read -r id < /proc/sys/kernel/random/uuid
exec "$1" --root "$2" run --bundle "$3" "bench-$id"
SH
chmod +x "$work/start-one"
berth_cmd="$work/start-one $berth $work/state-berth $bundle"
runc_cmd="$work/start-one $runc $work/state-runc $bundle"
floor_cmd="unshare -mpuinf --fork chroot $bundle/rootfs /bin/true"

# Each runtime must really start the container (exit 0) before its timing means anything.
for cmd in "$berth_cmd" "$runc_cmd" "$floor_cmd"; do
  $cmd >/dev/null 2>"$work/check.err" || { cat "$work/check.err" >&2; bench_die "does not run: $cmd"; }
done

echo "berth: $berth"
echo "runc:  $runc ($(runc --version | head -1))"
echo "bundle: $bundle (alpine minirootfs, /bin/true, no terminal)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (a busy machine makes every number noisy)"
echo
bench_hyperfine_rounds "$work" "$rounds" berth "$berth_cmd" runc "$runc_cmd" floor "$floor_cmd"

echo
# Fields of all.txt: round N name mean M ms ± S ms median D ms.
awk '{ mean[$3] += $5; median[$3] += $11; n[$3]++ }
  END {
    b = mean["berth"] / n["berth"]; r = mean["runc"] / n["runc"]; f = mean["floor"] / n["floor"]
    printf "mean over rounds:  berth-runtime run %.2f ms   runc run %.2f ms   kernel floor %.2f ms\n", b, r, f
    printf "ratio berth/runc:  %.2f   (of medians: %.2f)\n", b / r, (median["berth"] / n["berth"]) / (median["runc"] / n["runc"])
  }' "$work/all.txt"
outliers=$(grep -c "outliers" "$work/hyperfine.err" || true)
[ "$outliers" = 0 ] || echo "hyperfine saw statistical outliers in $outliers benchmarks; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
