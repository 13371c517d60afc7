#!/usr/bin/env bash
# Image load time: `berth load -i` into berthd beside `docker load -i` into dockerd 20.10, the same tarball, each
# run into a fresh store. Prints the median wall time of each CLI and the ratio berth/docker, per tarball:
#   alpine     alpine 3.20 built by the bench's own dockerd from ../shared/images/alpine-3.20 and `docker save`d
#   synthetic  4 layers, about 150 MB: 8000 small files, 8 big ones, links, a replaced file and whiteouts
#              (bench/lib/make-images.py, the same bytes on every run)
#
#   sudo bench/image-load.sh                         # berthd and berth from BERTH_BIN_DIR, artifacts/bin or PATH
#   sudo DOCKER_CLI=/usr/local/bin/docker bench/image-load.sh   # another docker client (default /usr/bin/docker)
#
# Every run starts the daemon on an empty data root, loads a small warm-up image and removes it (so neither side
# pays its own start-up inside the timing), then times the CLI's `load -i` alone and stops the daemon, removing
# its directory: starting, warming and removing stay outside the timed part. Runs alternate berth/docker and
# which goes first. ROUNDS (default 5) runs per side and tarball; WARM=0 skips the warm-up load (a cold daemon).
# TARBALLS=<dir> keeps the generated tarballs there for later runs; ONLY=alpine|synthetic runs one of them.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/daemons.sh"

bench_require_root
bench_require curl python3 awk /usr/sbin/dockerd
berth=$(bench_berth_bin berth)
berthd=$(bench_berth_bin berthd)
docker=$(bench_docker_cli)
images=$(bench_images_dir)
rounds=${ROUNDS:-5} warm=${WARM:-1}

work=$(mktemp -d /tmp/bench-load.XXXXXX)
export DOCKER_CONFIG=$work/client
mkdir -p "$DOCKER_CONFIG"
cleanup() {
  local dir
  for dir in "$work"/daemon-*; do [ -d "$dir" ] && bench_stop_daemon "$dir"; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tarballs=${TARBALLS:-$work/tarballs}
mkdir -p "$tarballs"
make_images=$(dirname "$0")/lib/make-images.py
[ -f "$tarballs/warmup.tar" ] || python3 "$make_images" warmup "$tarballs/warmup.tar"
[ -f "$tarballs/synthetic.tar" ] || python3 "$make_images" synthetic "$tarballs/synthetic.tar"
if [ ! -f "$tarballs/alpine.tar" ]; then
  # The classic builder: ADD of a local tarball onto scratch needs no network and no container.
  bench_start_dockerd "$work/daemon-build"
  DOCKER_BUILDKIT=0 "$docker" -H "unix://$work/daemon-build/docker.sock" build -q -t alpine:3.20 "$images/alpine-3.20" >/dev/null
  "$docker" -H "unix://$work/daemon-build/docker.sock" save -o "$tarballs/alpine.tar.part" alpine:3.20
  mv "$tarballs/alpine.tar.part" "$tarballs/alpine.tar"
  bench_stop_daemon "$work/daemon-build"
fi

# cli, socket: how each side is driven.
side_cli() { if [ "$1" = berth ]; then echo "$berth"; else echo "$docker"; fi; }
side_socket() { if [ "$1" = berth ]; then echo "$2/berthd.sock"; else echo "$2/docker.sock"; fi; }

# CPU seconds a daemon has used, its waited-for children included (dockerd unpacks layers in a child process).
daemon_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat"; }

# One timed load into a fresh daemon of side $1; prints the seconds the CLI took and the CPU seconds the daemon
# used meanwhile (on a machine short of CPU the second says more), and checks the image's ID.
timed_load() {
  local side=$1 tarball=$2 tag=$3 dir="$work/daemon-$1" cli socket start end id pid cpu
  cli=$(side_cli "$side")
  if [ "$side" = berth ]; then bench_start_berthd "$dir"; else bench_start_dockerd "$dir"; fi
  socket=$(side_socket "$side" "$dir")
  if [ "$warm" = 1 ]; then
    "$cli" -H "unix://$socket" load -q -i "$tarballs/warmup.tar" >/dev/null
    "$cli" -H "unix://$socket" rmi bench/warmup:latest >/dev/null
  fi
  sync
  pid=$(cat "$dir/$([ "$side" = berth ] && echo berthd || echo dockerd).pid")
  cpu=$(daemon_cpu "$pid")
  start=$EPOCHREALTIME
  "$cli" -H "unix://$socket" load -i "$tarball" >"$work/load.out" 2>&1 || { cat "$work/load.out" >&2; bench_die "$side: load of $tarball failed"; }
  end=$EPOCHREALTIME
  cpu=$(awk -v a="$cpu" -v b="$(daemon_cpu "$pid")" 'BEGIN { printf "%.2f", b - a }')
  id=$("$cli" -H "unix://$socket" image inspect --format '{{.Id}}' "$tag")
  bench_stop_daemon "$dir"
  echo "$side $id" >> "$work/ids"
  awk -v s="$start" -v e="$end" -v c="$cpu" 'BEGIN { printf "%.3f %s\n", e - s, c }'
}

echo "berth:  $berth (berthd $berthd)"
echo "docker: $docker ($("$docker" --version)) against $(/usr/sbin/dockerd --version)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (a busy machine makes every number noisy)"
echo "warm-up load before each timed one: $([ "$warm" = 1 ] && echo yes || echo no)"
echo
: > "$work/all.txt"
for name in alpine synthetic; do
  [ -z "${ONLY:-}" ] || [ "$ONLY" = "$name" ] || continue
  tarball=$tarballs/$name.tar
  tag=$([ "$name" = alpine ] && echo alpine:3.20 || echo bench/synthetic:latest)
  : > "$work/ids"
  # One untimed load per side first: the tarball comes into the page cache and both daemons' files are hot.
  timed_load berth "$tarball" "$tag" >/dev/null
  timed_load docker "$tarball" "$tag" >/dev/null
  for round in $(seq 1 "$rounds"); do
    if [ $((round % 2)) = 1 ]; then order=(berth docker); else order=(docker berth); fi
    for side in "${order[@]}"; do
      read -r seconds cpu < <(timed_load "$side" "$tarball" "$tag")
      printf '%-9s round %d  %-6s %8.0f ms   daemon CPU %6.0f ms\n' "$name" "$round" "$side" \
        "$(awk -v s="$seconds" 'BEGIN { print s * 1000 }')" "$(awk -v c="$cpu" 'BEGIN { print c * 1000 }')"
      echo "$name $side $seconds $cpu" >> "$work/all.txt"
    done
  done
  [ "$(sort -u "$work/ids" | awk '{ print $2 }' | sort -u | wc -l)" = 1 ] || { cat "$work/ids" >&2; bench_die "$name: the daemons disagree on the image ID"; }
  echo "$name: $(du -m "$tarball" | cut -f1) MB, image ID $(awk 'NR == 1 { print substr($2, 8, 12) }' "$work/ids") in both"
done

echo
# Medians per tarball and side (wall time, then daemon CPU), and the ratios of the medians.
median_of() {
  sort -k1,1 -k2,2 -k"$1","$1"n "$work/all.txt" | awk -v f="$1" '
    { key = $1 " " $2; v[key, ++n[key]] = $f }
    END { for (key in n) { c = n[key]; print key, (c % 2 ? v[key, (c + 1) / 2] : (v[key, c / 2] + v[key, c / 2 + 1]) / 2) } }'
}
join <(median_of 3 | awk '{ print $1 "-" $2, $3 }' | sort) <(median_of 4 | awk '{ print $1 "-" $2, $3 }' | sort) | awk '
  { split($1, k, "-"); wall[k[1], k[2]] = $2; cpu[k[1], k[2]] = $3; names[k[1]] = 1 }
  END {
    for (name in names)
      printf "%-9s median  berth load %6.0f ms   docker load %6.0f ms   ratio berth/docker %.2f   (daemon CPU %.0f / %.0f ms: %.2f)\n",
        name, wall[name, "berth"] * 1000, wall[name, "docker"] * 1000, wall[name, "berth"] / wall[name, "docker"],
        cpu[name, "berth"] * 1000, cpu[name, "docker"] * 1000, cpu[name, "berth"] / cpu[name, "docker"]
  }'
