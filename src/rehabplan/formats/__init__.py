"""Rehabplan's own locale formats: one way to show and to type a date in the whole UI."""
