#!/usr/bin/env bash
# Set-up on a fresh Debian 12 machine, as root: prerequisites, build, install on PATH, start the daemon.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
install -m 0755 artifacts/bin/berth-runtime artifacts/bin/berth-userns artifacts/bin/berth-monitor artifacts/bin/berth /usr/local/bin/
rm -rf /usr/local/lib/berth/berthd
mkdir -p /usr/local/lib/berth
cp -a artifacts/berthd /usr/local/lib/berth/berthd
install -m 0755 artifacts/bin/berthd /usr/local/bin/berthd
echo "installed: $(command -v berth-runtime) ($(berth-runtime --version | head -1))"
echo "installed: $(command -v berth) ($(berth --version)), $(command -v berthd) ($(berthd --version))"

pidfile=/run/berth/berthd.pid
if [ -d /run/systemd/system ]; then
  cat > /etc/systemd/system/berth.service <<'UNIT'
[Unit]
Description=Berth container engine
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart=/usr/local/bin/berthd --pidfile /run/berth/berthd.pid
KillMode=process
Restart=on-failure
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
UNIT
  systemctl daemon-reload
  systemctl enable berth.service >/dev/null
  systemctl restart berth.service
else
  # No service manager: stop the daemon this script started last time (by its pid file), then start a new one detached.
  if [ -f "$pidfile" ] && old=$(cat "$pidfile") && [ -n "$old" ] && grep -qa berthd "/proc/$old/cmdline" 2>/dev/null; then
    kill "$old"
    for _ in $(seq 1 100); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
  fi
  nohup /usr/local/bin/berthd --pidfile "$pidfile" >>/var/log/berthd.log 2>&1 </dev/null &
fi
for _ in $(seq 1 100); do
  if berth version >/dev/null 2>&1; then
    echo "berthd $(berth version --format '{{.Server.Version}}') listens on unix:///run/berth/berthd.sock (log: $([ -d /run/systemd/system ] && echo 'journalctl -u berth' || echo /var/log/berthd.log))"
    exit 0
  fi
  sleep 0.2
done
echo "error: berthd did not answer within 20 s; see /var/log/berthd.log" >&2
exit 1
