#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cuts the seed corpus of fuzz-nl80211 out of netlink recordings.

usage: tests/fuzz/mkcorpus-nl80211.py OUT_DIR RECORDING.pcap...

For each recording (sim/pcap.h format: pcap, LINKTYPE_NETLINK, a 16-byte
cooked header before each netlink message) it writes
  - <name>.seq: the whole recording as fuzz-nl80211 chunks
    (u16 delta_ms, u16 len, the message), timing preserved to the ms, so
    the fuzzer starts from complete real bursts;
  - <name>-<n>.msg: each distinct message alone (delta 0), so single
    messages of every kind the kernel sent are mutated on their own.
Only the Python standard library; run it again when the recordings change.
"""
import hashlib
import os
import struct
import sys


def packets(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack_from('<I', data, 0)[0]
    if magic in (0xa1b2c3d4, 0xa1b23c4d):
        end = '<'
    else:
        end = '>'
        magic = struct.unpack_from('>I', data, 0)[0]
    nsec = magic == 0xa1b23c4d
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack_from(end + 'IIII', data, off)
        off += 16
        pkt = data[off:off + incl]
        off += incl
        t_ns = sec * 10**9 + frac * (1 if nsec else 1000)
        yield t_ns, pkt[16:]


def chunk(delta_ms, msg):
    return struct.pack('<HH', min(delta_ms, 0xffff), len(msg)) + msg


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    seen = set()
    for path in sys.argv[2:]:
        name = os.path.splitext(os.path.basename(path))[0]
        seq = b''
        last = None
        n = 0
        for t_ns, msg in packets(path):
            delta = 0 if last is None else (t_ns - last) // 10**6
            last = t_ns
            seq += chunk(delta, msg)
            h = hashlib.sha1(msg).hexdigest()
            if h in seen:
                continue
            seen.add(h)
            n += 1
            with open(os.path.join(out, '%s-%02d.msg' % (name, n)), 'wb') as f:
                f.write(chunk(0, msg))
        with open(os.path.join(out, name + '.seq'), 'wb') as f:
            f.write(seq)


if __name__ == '__main__':
    main()
