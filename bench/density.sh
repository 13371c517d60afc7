#!/usr/bin/env bash
# Memory per container: N `sleep` containers (--network none) under berthd beside N under dockerd 20.10, then the
# resident memory of what each engine runs besides the containers themselves, divided by N. Berth's side is berthd,
# berth-monitor and anything else it left running; Docker's is dockerd, its containerd and the containerd-shims.
# Prints Pss and Rss (from /proc/<pid>/smaps_rollup) per container for each side, and the ratios berth/docker
# (goal ≤ 0.2).
#
#   sudo bench/density.sh          # N (default 100) containers per side
#
# Both daemons run privately under one temp folder, as in bench/run.sh; a process belongs to a daemon when it sits in
# the host's pid namespace and its command line names that daemon's folder (containers run in pid namespaces of their
# own and name no such path). Pss shares each page among the processes mapping it, so the many shims' common code
# counts once; Rss counts it in every process.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/daemons.sh"

bench_require_root
bench_require python3 /usr/sbin/dockerd
berth=$(bench_berth_bin berth)
docker=$(bench_docker_cli)
images=$(bench_images_dir)
count=${N:-100}

work=$(mktemp -d /tmp/bench-density.XXXXXX)
export DOCKER_CONFIG=$work/client
mkdir -p "$DOCKER_CONFIG"
cleanup() {
  local dir
  # Containers first: berth-monitor is killed with its folder, and must not leave its containers behind.
  "${B[@]}" rm -f $("${B[@]}" ps -a -q 2>/dev/null) >/dev/null 2>&1 || true
  "${D[@]}" rm -f $("${D[@]}" ps -a -q 2>/dev/null) >/dev/null 2>&1 || true
  # One daemon that fails to stop cleanly must not leave the other running.
  for dir in "$work"/daemon-*; do if [ -d "$dir" ]; then bench_stop_daemon "$dir" || true; fi; done
  rm -rf --one-file-system "$work"
}
B=(env -u DOCKER_HOST "$berth" -H "unix://$work/daemon-berth/berthd.sock")
D=(env -u DOCKER_HOST "$docker" -H "unix://$work/daemon-docker/docker.sock")
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_start_berthd "$work/daemon-berth"
bench_start_dockerd "$work/daemon-docker"
tar -C "$images/busybox-1.37-oci" -cf "$work/busybox-oci.tar" .
"${B[@]}" load -q -i "$work/busybox-oci.tar" >/dev/null
"${B[@]}" tag busybox:1.37.0-glibc busybox:latest
"${B[@]}" save -o "$work/busybox.tar" busybox:latest
"${D[@]}" load -q -i "$work/busybox.tar" >/dev/null

for i in $(seq 1 "$count"); do
  "${B[@]}" run -d --network none busybox sleep 100000 >/dev/null
  "${D[@]}" run -d --network none busybox sleep 100000 >/dev/null
done
[ "$("${B[@]}" ps -q | wc -l)" = "$count" ] || bench_die "berthd does not run $count containers"
[ "$("${D[@]}" ps -q | wc -l)" = "$count" ] || bench_die "dockerd does not run $count containers"
# Let start-up garbage settle as a long-running host would see it.
sleep 5

# "pss rss processes" in KiB, summed over the processes of the daemon folder $1.
daemon_memory() {
  local dir=$1 host_ns pid ppid pss=0 rss=0 procs=0 line
  host_ns=$(readlink /proc/self/ns/pid)
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if [ "$(readlink "/proc/$pid/ns/pid" 2>/dev/null)" = "$host_ns" ]; then
      tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$dir/" || continue
    else
      # berth-monitor's standby init waits in namespaces of its own until a container takes it: daemon-side memory.
      tr '\0' '\n' 2>/dev/null < "/proc/$pid/environ" | grep -qx '_BERTH_STANDBY=1' || continue
      ppid=$(awk '{ print $4 }' "/proc/$pid/stat" 2>/dev/null) || continue
      tr '\0' ' ' 2>/dev/null < "/proc/$ppid/cmdline" | grep -qF "$dir/" || continue
    fi
    line=$(awk '$1 == "Pss:" { p = $2 } $1 == "Rss:" { r = $2 } END { print p + 0, r + 0 }' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
    pss=$((pss + ${line% *})); rss=$((rss + ${line#* })); procs=$((procs + 1))
    echo "  $(cat "/proc/$pid/comm") $pid: Pss ${line% *} KiB, Rss ${line#* } KiB" >> "$work/processes.txt"
  done
  echo "$pss $rss $procs"
}

: > "$work/processes.txt"
read -r bpss brss bprocs < <(daemon_memory "$work/daemon-berth")
read -r dpss drss dprocs < <(daemon_memory "$work/daemon-docker")
python3 - "$count" "$bpss" "$brss" "$bprocs" "$dpss" "$drss" "$dprocs" <<'EOF'
import sys
n, bpss, brss, bprocs, dpss, drss, dprocs = map(int, sys.argv[1:])
print(f"{n} sleep containers per side (--network none); daemon-side memory per container:")
for name, pss, rss, procs in (("berth", bpss, brss, bprocs), ("docker", dpss, drss, dprocs)):
    print(f"  {name:6} ({procs} processes): Pss {pss / n:7.0f} KiB  Rss {rss / n:7.0f} KiB"
          f"  (total Pss {pss / 1024:.1f} MiB, Rss {rss / 1024:.1f} MiB)")
print(f"ratio berth/docker: Pss {bpss / dpss:.3f}, Rss {brss / drss:.3f} (goal ≤ 0.2)")
EOF
if [ -n "${VERBOSE:-}" ]; then cat "$work/processes.txt"; fi
