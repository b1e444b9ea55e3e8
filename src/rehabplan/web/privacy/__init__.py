"""Which screens show citizen data, and the rule that each of them writes the audit log."""

from rehabplan.web.privacy.policy import (
    AuditPolicy,
    audit_policy_of,
    audited_view,
    shows_no_citizen_data,
)

__all__ = ["AuditPolicy", "audit_policy_of", "audited_view", "shows_no_citizen_data"]
