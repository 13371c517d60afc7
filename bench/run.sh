#!/usr/bin/env bash
# Container start-to-exit time: `berth run --rm busybox true` against berthd beside `docker run --rm busybox true`
# against dockerd 20.10, in one run, alternating which goes first; then both again with --network none.
# Prints the median wall time of each side and the ratio berth/docker (goal ≤ 0.15).
#
#   sudo bench/run.sh              # ROUNDS (default 20) runs per side and case; SETTLE (0.3) s of pause before each
#
# busybox comes from ../shared/images (an OCI layout): berthd loads it, and dockerd loads berth's `save` of it
# (dockerd 20.10 cannot read an OCI layout), so both run the same image. One untimed run per side warms up.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/daemons.sh"

bench_require_root
bench_require python3 /usr/sbin/dockerd
berth=$(bench_berth_bin berth)
docker=$(bench_docker_cli)
images=$(bench_images_dir)
rounds=${ROUNDS:-20}

work=$(mktemp -d /tmp/bench-run.XXXXXX)
export DOCKER_CONFIG=$work/client
mkdir -p "$DOCKER_CONFIG"
cleanup() {
  local dir
  for dir in "$work"/daemon-*; do [ -d "$dir" ] && bench_stop_daemon "$dir"; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_start_berthd "$work/daemon-berth"
bench_start_dockerd "$work/daemon-docker"
# Unset here rather than through `env` per command: the timed window holds the CLI alone.
unset DOCKER_HOST
B=("$berth" -H "unix://$work/daemon-berth/berthd.sock")
D=("$docker" -H "unix://$work/daemon-docker/docker.sock")
tar -C "$images/busybox-1.37-oci" -cf "$work/busybox-oci.tar" .
"${B[@]}" load -q -i "$work/busybox-oci.tar" >/dev/null
"${B[@]}" tag busybox:1.37.0-glibc busybox:latest
"${B[@]}" save -o "$work/busybox.tar" busybox:latest
"${D[@]}" load -q -i "$work/busybox.tar" >/dev/null

# Milliseconds of one command's wall time, read from bash's own clock (no `date` process inside the window). Each run
# starts SETTLE seconds (default 0.3) after the one before: dockerd, containerd and the shim go on cleaning up after
# `docker run` returns, and that work would otherwise land in the next berth run's time (and berth's in docker's).
timed() {
  local start end
  sleep "${SETTLE:-0.3}"
  start=${EPOCHREALTIME/[.,]/}
  "$@" >/dev/null
  end=${EPOCHREALTIME/[.,]/}
  echo $(((end - start) / 1000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for extra in "" "--network none"; do
  # shellcheck disable=SC2206
  args=(run --rm $extra busybox true)
  "${B[@]}" "${args[@]}"; "${D[@]}" "${args[@]}"
  : > "$work/berth.ms"; : > "$work/docker.ms"
  for i in $(seq 1 "$rounds"); do
    if [ $((i % 2)) = 1 ]; then
      timed "${B[@]}" "${args[@]}" >> "$work/berth.ms"; timed "${D[@]}" "${args[@]}" >> "$work/docker.ms"
    else
      timed "${D[@]}" "${args[@]}" >> "$work/docker.ms"; timed "${B[@]}" "${args[@]}" >> "$work/berth.ms"
    fi
  done
  b=$(median < "$work/berth.ms"); d=$(median < "$work/docker.ms")
  printf 'run --rm%s busybox true: berth %s ms, docker %s ms, ratio %s (%s rounds)\n' "${extra:+ $extra}" "$b" "$d" \
    "$(python3 -c "print(f'{$b / $d:.2f}')")" "$rounds"
done
