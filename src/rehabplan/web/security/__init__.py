"""Session lifetime and the response headers that tell browsers what a page may do."""
