#!/usr/bin/env python3
"""Writes `docker save` tarballs of generated images for the benchmarks; the same arguments give the same bytes.

  make-images.py synthetic OUT     one 4-layer image of about 150 MB: many small files, a few big ones, symlinks,
                                   a hard link, a file replaced and a whiteout in the top layer (bench/synthetic)
  make-images.py many OUT COUNT    COUNT tiny images, each with its own one-file layer, config and tag
                                   (bench/tiny-NNN:latest)
  make-images.py warmup OUT        one small image (bench/warmup:latest, 2 layers of 200 small files) for warming a
                                   daemon up before a timed load: enough entries for a JIT to compile its hot paths

Written by hand rather than with `docker build` so that no daemon is needed and the content is fixed: random
bytes come from a seeded generator and every header has a fixed time, owner and mode.
"""
import hashlib
import io
import json
import random
import sys
import tarfile

MTIME = 1_700_000_000  # 2023-11-14, any fixed time will do
CREATED = "2023-11-14T22:13:20Z"


def header(name, kind=tarfile.REGTYPE, size=0, mode=0o644, link=""):
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mode, info.linkname = kind, size, mode, link
    info.mtime, info.uid, info.gid, info.uname, info.gname = MTIME, 0, 0, "", ""
    return info


class Layer:
    """One uncompressed layer tar built in memory (docker save stores layers uncompressed)."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.tar = tarfile.open(fileobj=self.buffer, mode="w", format=tarfile.PAX_FORMAT)

    def dir(self, name, mode=0o755):
        self.tar.addfile(header(name, tarfile.DIRTYPE, mode=mode))

    def file(self, name, data, mode=0o644):
        self.tar.addfile(header(name, size=len(data), mode=mode), io.BytesIO(data))

    def link(self, name, target, kind=tarfile.SYMTYPE):
        self.tar.addfile(header(name, kind, mode=0o777 if kind == tarfile.SYMTYPE else 0o644, link=target))

    def finish(self):
        self.tar.close()
        return self.buffer.getvalue()


def synthetic_layers():
    rng = random.Random(20261125)
    layers = []
    for index in range(4):
        layer = Layer()
        top = f"layer{index}"
        layer.dir(top)
        for d in range(40):
            directory = f"{top}/dir{d:02}"
            layer.dir(directory)
            for f in range(50):
                # Mostly small files, as in a distribution's /usr: 200 B to 8 KiB.
                layer.file(f"{directory}/file{f:02}.dat", rng.randbytes(rng.randint(200, 8192)))
            layer.link(f"{directory}/latest", f"file{49:02}.dat")
        layer.dir(f"{top}/big")
        for b in range(2):
            layer.file(f"{top}/big/blob{b}.bin", rng.randbytes(14 * 1024 * 1024 + rng.randint(0, 4096)))
        layer.link(f"{top}/big/blob0.hardlink", f"{top}/big/blob0.bin", tarfile.LNKTYPE)
        layer.file(f"{top}/bin-tool", rng.randbytes(300 * 1024), mode=0o755)
        if index == 3:
            # The top layer changes what is below: one file replaced, one deleted, one directory made opaque.
            layer.dir("layer0")
            layer.dir("layer0/dir00")
            layer.file("layer0/dir00/file00.dat", b"replaced by layer 3\n")
            layer.dir("layer1")
            layer.dir("layer1/dir01")
            layer.file("layer1/dir01/.wh.file01.dat", b"")
            layer.dir("layer2/dir02")
            layer.file("layer2/dir02/.wh..wh..opq", b"")
        layers.append(layer.finish())
    return layers


def config_for(layers, labels, cmd):
    return json.dumps({
        "architecture": "amd64",
        "os": "linux",
        "created": CREATED,
        "config": {"Cmd": cmd, "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                   "Labels": labels},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(l).hexdigest() for l in layers]},
        "history": [{"created": CREATED, "created_by": f"bench layer {i}"} for i in range(len(layers))],
    }, sort_keys=True, separators=(",", ":")).encode()


def write_archive(path, images):
    """images: (tag, layers, config bytes); shared layers are written once, as docker save does."""
    manifest, written = [], set()
    with tarfile.open(path, mode="w", format=tarfile.PAX_FORMAT) as out:
        for tag, layers, config in images:
            names = []
            for data in layers:
                digest = hashlib.sha256(data).hexdigest()
                names.append(f"{digest}/layer.tar")
                if digest in written:
                    continue
                written.add(digest)
                out.addfile(header(digest, tarfile.DIRTYPE, mode=0o755))
                out.addfile(header(f"{digest}/VERSION", size=3), io.BytesIO(b"1.0"))
                out.addfile(header(f"{digest}/layer.tar", size=len(data)), io.BytesIO(data))
            config_name = hashlib.sha256(config).hexdigest() + ".json"
            out.addfile(header(config_name, size=len(config)), io.BytesIO(config))
            manifest.append({"Config": config_name, "RepoTags": [tag], "Layers": names})
        data = json.dumps(manifest, separators=(",", ":")).encode()
        out.addfile(header("manifest.json", size=len(data)), io.BytesIO(data))


def tiny_image(tag, text):
    layer = Layer()
    layer.dir("etc")
    layer.file("etc/bench-image", text.encode())
    layers = [layer.finish()]
    return tag, layers, config_for(layers, {"bench.image": tag}, ["/bin/sh"])


def warmup_image():
    rng = random.Random(7)
    layers = []
    for index in range(2):
        layer = Layer()
        layer.dir(f"warm{index}")
        for f in range(200):
            layer.file(f"warm{index}/file{f:03}", rng.randbytes(rng.randint(100, 4000)))
        layers.append(layer.finish())
    return "bench/warmup:latest", layers, config_for(layers, {"bench": "warmup"}, ["/bin/sh"])


def main(argv):
    if len(argv) >= 3 and argv[1] == "synthetic":
        layers = synthetic_layers()
        write_archive(argv[2], [("bench/synthetic:latest", layers, config_for(layers, {"bench": "synthetic"}, ["/bin/sh"]))])
    elif len(argv) >= 4 and argv[1] == "many":
        count = int(argv[3])
        write_archive(argv[2], [tiny_image(f"bench/tiny-{i:03}:latest", f"tiny image {i}\n") for i in range(count)])
    elif len(argv) >= 3 and argv[1] == "warmup":
        write_archive(argv[2], [warmup_image()])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
