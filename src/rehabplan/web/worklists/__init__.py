"""The full, paged lists behind the start page's blocks."""
