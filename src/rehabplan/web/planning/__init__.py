"""Web pages of the planning flow."""
