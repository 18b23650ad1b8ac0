#!/usr/bin/env python3
"""Builds the stratified Fashion-MNIST subset embedded in the repository (data/fashion-mnist-subset/).

Source: Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist), the full Fashion-MNIST
(Xiao, Rasul & Vollgraf, arXiv 1708.07747; MIT licence). Selection: for each of the 10 classes, the first
1,000 training images and the first 200 test images in file order, kept in file order -> 10,000 training and
2,000 test images, written as gzip IDX with a fixed gzip header (mtime 0) so that the output is byte-identical
on every run. Usage: python3 tools/data/make_fashion_mnist_subset.py [SOURCE_DIR] [OUT_DIR]
"""
import gzip
import struct
import sys
from pathlib import Path

SOURCE = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "data" / "fashion-mnist-subset")


def read_idx(path):
    data = gzip.open(path, "rb").read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return magic, shape, data[4 + 4 * dims:]


def write_idx(path, magic, shape, payload):
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * len(shape), *shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
            out.write(header + payload)


def subset(prefix, per_class):
    images_magic, (count, rows, cols), images = read_idx(SOURCE / f"{prefix}-images-idx3-ubyte.gz")
    labels_magic, (label_count,), labels = read_idx(SOURCE / f"{prefix}-labels-idx1-ubyte.gz")
    assert count == label_count
    taken = {c: 0 for c in range(10)}
    keep = []
    for i in range(count):
        c = labels[i]
        if taken[c] < per_class:
            taken[c] += 1
            keep.append(i)
    size = rows * cols
    write_idx(OUT / f"{prefix}-images-idx3-ubyte.gz", images_magic, (len(keep), rows, cols), b"".join(images[i * size:(i + 1) * size] for i in keep))
    write_idx(OUT / f"{prefix}-labels-idx1-ubyte.gz", labels_magic, (len(keep),), bytes(labels[i] for i in keep))
    print(prefix, len(keep), "images", dict(taken))


OUT.mkdir(parents=True, exist_ok=True)
subset("train", 1000)
subset("t10k", 200)
