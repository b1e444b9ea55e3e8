"""Web pages of the intake flow."""
