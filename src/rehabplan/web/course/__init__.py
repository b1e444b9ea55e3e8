"""Web pages of the course flow."""
