# Private daemons for the image benchmarks: sourced, never run. Each daemon lives in one directory of its own
# (data root, socket, pid file, log), as the compatibility tests' harness does, and stopping it removes that
# directory. dockerd runs its own containerd under its exec root and never touches host networking.

# berthd: BERTH_BIN_DIR/berthd, artifacts/bin, or PATH.
bench_berth_bin() {
  local name=$1 candidate
  for candidate in "${BERTH_BIN_DIR:+$BERTH_BIN_DIR/$name}" "$(bench_repo_root)/artifacts/bin/$name" "$(command -v "$name" || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return; fi
  done
  bench_die "$name not found: run scripts/build.sh, or set BERTH_BIN_DIR"
}

# Waits until the API socket $1 answers /_ping (dockerd and berthd both answer "OK"); $2 is the log to show if not.
bench_wait_ping() {
  local socket=$1 log=$2 i
  for i in $(seq 1 600); do
    [ "$(curl -s --max-time 2 --unix-socket "$socket" http://daemon/_ping 2>/dev/null)" = OK ] && return 0
    sleep 0.05
  done
  tail -20 "$log" >&2
  bench_die "the daemon on $socket did not answer /_ping within 30 s"
}

# Starts berthd in the new directory $1: socket $1/berthd.sock, data root $1/root, exec root $1/exec.
bench_start_berthd() {
  local dir=$1
  mkdir -p "$dir"
  echo '{}' > "$dir/daemon.json"
  "$(bench_berth_bin berthd)" -H "unix://$dir/berthd.sock" --data-root "$dir/root" --exec-root "$dir/exec" \
    --pidfile "$dir/berthd.pid" --config-file "$dir/daemon.json" </dev/null >"$dir/berthd.log" 2>&1 &
  echo $! > "$dir/launcher.pid"
  bench_wait_ping "$dir/berthd.sock" "$dir/berthd.log"
}

# Starts dockerd in the new directory $1 with the compatibility harness's flags: socket $1/docker.sock.
bench_start_dockerd() {
  local dir=$1
  mkdir -p "$dir/client"
  echo '{}' > "$dir/daemon.json"
  env -u DOCKER_HOST -u DOCKER_CONFIG -u NOTIFY_SOCKET PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /usr/sbin/dockerd --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/dockerd.pid" -H "unix://$dir/docker.sock" \
    --bridge=none --iptables=false --ip-masq=false --ip-forward=false --userland-proxy=false \
    </dev/null >"$dir/dockerd.log" 2>&1 &
  echo $! > "$dir/launcher.pid"
  bench_wait_ping "$dir/docker.sock" "$dir/dockerd.log"
}

# SIGTERM, then SIGKILL after $2 seconds; returns when the process is gone.
bench_terminate() {
  local pid=$1 grace=${2:-20} i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 $((grace * 20))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

# Stops whichever daemon runs in $1 (and dockerd's containerd, which must belong to this directory), then removes $1.
bench_stop_daemon() {
  local dir=$1 pid containerd
  [ -d "$dir" ] || return 0
  containerd=$(cat "$dir/exec/containerd/containerd.pid" 2>/dev/null || true)
  for pid in "$(cat "$dir/berthd.pid" 2>/dev/null || true)" "$(cat "$dir/dockerd.pid" 2>/dev/null || true)" \
      "$(cat "$dir/launcher.pid" 2>/dev/null || true)"; do
    bench_terminate "$pid"
  done
  if [ -n "$containerd" ] && tr '\0' ' ' 2>/dev/null < "/proc/$containerd/cmdline" | grep -qF "$dir/"; then
    bench_terminate "$containerd" 10
  fi
  # berth-monitor outlives berthd by design: it goes with the directory it serves.
  pkill -KILL -f "berth-monitor --root $dir/exec" 2>/dev/null || true
  # dockerd unmounts its own mounts on a clean stop; anything left would make rm fail, which is the right alarm.
  rm -rf --one-file-system "$dir"
}

# The docker CLI for the comparisons: DOCKER_CLI, else Debian's 20.10 client that matches the daemon.
bench_docker_cli() {
  local cli=${DOCKER_CLI:-/usr/bin/docker}
  [ -x "$cli" ] || bench_die "no docker CLI at $cli (set DOCKER_CLI)"
  echo "$cli"
}
