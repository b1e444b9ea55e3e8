"""The administrator's page of locked user names and addresses."""
