"""Web pages of the decisions flow."""
