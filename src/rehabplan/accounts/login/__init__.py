"""Logging in: lockout after failed attempts, the audit trail of logins and logouts, unlocking."""
