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
