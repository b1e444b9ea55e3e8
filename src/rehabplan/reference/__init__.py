"""Reference code lists shipped with Rehabplan as data (pure Python, no Django)."""

from rehabplan.reference.fsiii import FsiiiCode, fsiii_code, fsiii_codes, is_fsiii_level

__all__ = ["FsiiiCode", "fsiii_code", "fsiii_codes", "is_fsiii_level"]
