#!/usr/bin/env bash
# Image list time with many images: 200 generated images (each its own one-file layer, config and tag) loaded into
# berthd and into dockerd 20.10, then `berth images` against `docker images`, CLI wall time, ratio printed. The
# docker CLI is also timed against berthd, which compares the daemons alone behind the same client.
#
#   sudo bench/images-list.sh                         # berthd and berth from BERTH_BIN_DIR, artifacts/bin or PATH
#   sudo DOCKER_CLI=/usr/local/bin/docker bench/images-list.sh   # another docker client (default /usr/bin/docker)
#
# COUNT (default 200) images. ROUNDS (default 6) hyperfine rounds alternate which command goes first; each does
# WARMUP (3) + RUNS (20) runs per command. Listing changes nothing, so the daemons keep running across rounds.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/daemons.sh"

bench_require_root
bench_require hyperfine curl python3 awk /usr/sbin/dockerd
berth=$(bench_berth_bin berth)
docker=$(bench_docker_cli)
count=${COUNT:-200} rounds=${ROUNDS:-6} runs=${RUNS:-20} warmup=${WARMUP:-3}

work=$(mktemp -d /tmp/bench-images.XXXXXX)
export DOCKER_CONFIG=$work/client
mkdir -p "$DOCKER_CONFIG"
cleanup() {
  bench_stop_daemon "$work/daemon-berth"
  bench_stop_daemon "$work/daemon-docker"
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 "$(dirname "$0")/lib/make-images.py" many "$work/many.tar" "$count"
bench_start_berthd "$work/daemon-berth"
bench_start_dockerd "$work/daemon-docker"
berth_host=unix://$work/daemon-berth/berthd.sock
docker_host=unix://$work/daemon-docker/docker.sock
"$berth" -H "$berth_host" load -q -i "$work/many.tar" >/dev/null
"$docker" -H "$docker_host" load -q -i "$work/many.tar" >/dev/null

berth_cmd="$berth -H $berth_host images"
docker_cmd="$docker -H $docker_host images"
cross_cmd="$docker -H $berth_host images"
# Both daemons must list the same images before their timings mean anything.
for cmd in "$berth_cmd" "$docker_cmd" "$cross_cmd"; do
  rows=$($cmd --format '{{.Repository}}:{{.Tag}} {{.ID}}' | sort)
  [ "$(echo "$rows" | grep -c '^bench/tiny-')" = "$count" ] || bench_die "$cmd lists $(echo "$rows" | grep -c '^bench/tiny-') of the $count images"
  echo "$rows" > "$work/rows.$(echo "$cmd" | md5sum | cut -c1-8)"
done
[ "$(cat "$work"/rows.* | sort | uniq -c | awk '$1 != 3' | wc -l)" = 0 ] || bench_die "the daemons list different images or IDs"

echo "berth:  $berth"
echo "docker: $docker ($("$docker" --version)) against $(/usr/sbin/dockerd --version)"
echo "images: $count in each daemon, one 1-file layer each"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (a busy machine makes every number noisy)"
echo
bench_hyperfine_rounds "$work" "$rounds" berth "$berth_cmd" docker "$docker_cmd" docker-on-berthd "$cross_cmd"

echo
# Fields of all.txt: round N name mean M ms ± S ms median D ms.
awk '{ mean[$3] += $5; median[$3] += $11; n[$3]++ }
  END {
    b = median["berth"] / n["berth"]; d = median["docker"] / n["docker"]; x = median["docker-on-berthd"] / n["docker-on-berthd"]
    printf "mean of the round medians:  berth images %.2f ms   docker images %.2f ms   docker images on berthd %.2f ms\n", b, d, x
    printf "ratio berth/docker:  %.2f   (docker CLI on berthd / on dockerd: %.2f)\n", b / d, x / d
  }' "$work/all.txt"
outliers=$(grep -c "outliers" "$work/hyperfine.err" || true)
[ "$outliers" = 0 ] || echo "hyperfine saw statistical outliers in $outliers benchmarks; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
