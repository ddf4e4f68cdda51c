#!/usr/bin/env python3
"""Write small fuzzing seeds for the `reader` target from real traces.

Usage: make_seeds.py SHARED_DIR OUT_DIR

For each trace in SHARED_DIR/golden/*/trace.scap (and traces/*.scap) it
writes, to OUT_DIR, a few KB each (nothing here is committed):
- `<name>-head.scap`: the first 4 KiB (section header, machine info and
  the start of the metadata; cut mid-block);
- `<name>-events.scap`: the section header, the machine info block, then
  the first blocks of each other kind that fit in 2 KiB, then event blocks
  up to 4 KiB in total (block-aligned, so a valid capture);
- `<name>-events.scap.gz`: the same, gzip-compressed (for one trace).
"""

import gzip
import pathlib
import struct
import sys

HEAD = 4096
LIMIT = 4096
META_LIMIT = 2048
SHB = 0x0A0D0D0A
MI = 0x201
EVENT_TYPES = {0x204, 0x8010ABCD, 0x208, 0x216, 0x217, 0x221, 0x222}


def blocks(data):
    off = 0
    while off + 8 <= len(data):
        ty, length = struct.unpack_from("<II", data, off)
        if length < 12 or off + length > len(data):
            return
        yield ty, data[off : off + length]
        off += length


def small_capture(data):
    out = bytearray()
    seen_kinds = set()
    for ty, blk in blocks(data):
        if ty in (SHB, MI) and ty not in seen_kinds:
            out += blk
            seen_kinds.add(ty)
        elif ty in EVENT_TYPES:
            if len(out) + len(blk) > LIMIT:
                break
            out += blk
        elif ty not in seen_kinds and len(blk) <= META_LIMIT:
            out += blk
            seen_kinds.add(ty)
    return bytes(out)


def main():
    shared = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    traces = sorted(shared.glob("golden/*/trace.scap")) + sorted(shared.glob("traces/*.scap"))
    for i, path in enumerate(traces):
        name = path.parent.name if path.name == "trace.scap" else path.stem
        data = path.read_bytes()
        (out / f"{name}-head.scap").write_bytes(data[:HEAD])
        small = small_capture(data)
        (out / f"{name}-events.scap").write_bytes(small)
        if i == 0:
            (out / f"{name}-events.scap.gz").write_bytes(gzip.compress(small))
    print(f"make_seeds: {len(traces)} traces -> {out}")


if __name__ == "__main__":
    main()
