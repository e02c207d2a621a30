"""Python's cyclic garbage collector, paused while work makes many objects and no cycle.

The collector runs whenever allocations outrun frees by enough, and at its older generations it
walks every live container. Reading a log, merging catalogs and reading a large settings file
each make hundreds of thousands of dicts, strings and rows, none in a cycle, all freed by
reference counting: the collector would walk them again and again as they pile up, for nothing
(a fifth of a 300k-line `tail`, a tenth of `report` on 20 MB of catalogs and of reading a 1 MB
settings file). A leaf module (docs/architecture.md): anyone may import it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block (or the decorated function), then as it was before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
