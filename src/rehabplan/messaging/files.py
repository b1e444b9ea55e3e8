"""Writing a file a channel must write once and whole: beside its final name first, then linked
into place, which the file system does at once or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_once(path: Path, content: bytes) -> bool:
    """Write `content` to `path` unless it is there already; True if this call wrote it. A
    process killed at any moment leaves the whole file or none."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
    finally:
        os.unlink(temporary)
    return True
