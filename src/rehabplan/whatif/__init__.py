"""What-if: a leader replays a draft of the municipality's standard over the last 12 months."""
