"""An empty Windows registry hive file, built from the documented "regf" layout, so a test can
merge a .reg file into it with the real hivexregedit (Debian's libwin-hivex-perl).

Layout: a 4 KB base block ("regf", sequence numbers, root cell offset, hive bins size, and an
XOR checksum of its first 508 bytes), then one 4 KB bin ("hbin") holding the root key ("nk"),
the security cell every key points at ("sk", which hivex copies onto each key it adds), and
one free cell for the rest. Cell offsets count from the first bin.
"""

from __future__ import annotations

import struct

BLOCK = 0x1000
HBIN_HEADER = 0x20
NONE = 0xFFFFFFFF


def _cell(payload: bytes) -> bytes:
    size = (4 + len(payload) + 7) // 8 * 8
    return struct.pack("<i", -size) + payload.ljust(size - 4, b"\0")  # negative: in use


def _security_cell(offset: int) -> bytes:
    # A self-relative security descriptor with no owner, group or ACLs (20 bytes).
    descriptor = struct.pack("<BBHIIII", 1, 0, 0x8000, 0, 0, 0, 0)
    header = b"sk" + struct.pack("<HIIII", 0, offset, offset, 1, len(descriptor))
    return _cell(header + descriptor)


def _root_cell(security: int, name: bytes = b"ROOT") -> bytes:
    flags = 0x04 | 0x08 | 0x20  # hive entry (root), cannot be deleted, ASCII name
    fields = struct.pack(
        "<2sHQ" + "I" * 15 + "HH",
        b"nk",
        flags,
        0,  # last written
        0,  # access bits
        NONE,  # parent
        0,  # subkeys
        0,  # volatile subkeys
        NONE,  # subkey list
        NONE,  # volatile subkey list
        0,  # values
        NONE,  # value list
        security,
        NONE,  # class name
        0,  # largest subkey name
        0,  # largest subkey class name
        0,  # largest value name
        0,  # largest value data
        0,  # work var
        len(name),
        0,  # class name length
    )
    return _cell(fields + name)


def empty_hive() -> bytes:
    root_offset = HBIN_HEADER
    root = _root_cell(security=0)  # sized first, then rebuilt with the sk cell's offset
    security_offset = root_offset + len(root)
    root = _root_cell(security=security_offset)
    security = _security_cell(security_offset)
    used = HBIN_HEADER + len(root) + len(security)
    free = struct.pack("<i", BLOCK - used).ljust(BLOCK - used, b"\0")  # positive: free
    hbin = b"hbin" + struct.pack("<IIQQI", 0, BLOCK, 0, 0, 0) + root + security + free
    assert len(hbin) == BLOCK
    base = bytearray(BLOCK)
    struct.pack_into("<4sIIQIIIIIII", base, 0, b"regf", 1, 1, 0, 1, 3, 0, 1, root_offset, BLOCK, 1)
    checksum = 0
    for (word,) in struct.iter_unpack("<I", bytes(base[:0x1FC])):
        checksum ^= word
    struct.pack_into("<I", base, 0x1FC, checksum)
    return bytes(base) + hbin
