"""`rehabplan seed-scale`: a large municipality's history for measuring the product at scale.

See docs/scale.md for what it makes; run.py is the entry point."""
