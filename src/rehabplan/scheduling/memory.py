"""Handing a finished planning run's memory back to the system.

A run builds tens of thousands of small objects (options, rows, the solver's model). Python
frees them, but the C allocator keeps the freed pages in the process, so a long-lived task
worker would stay at its largest run's size. `release_memory` collects what is left and asks
glibc to return free pages; elsewhere (no glibc) it only collects.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release_memory() -> None:
    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return  # not glibc: nothing more to ask for
    trim(0)
