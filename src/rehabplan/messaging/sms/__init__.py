"""SMS through a gateway: `sms_gateway()` gives the configured one (settings
`REHABPLAN_SMS_GATEWAY`: "file" by default, "console" or "http")."""

from rehabplan.messaging.sms.gateway import SendOutcome, SmsGateway, SmsMessage, sms_gateway

__all__ = ["SendOutcome", "SmsGateway", "SmsMessage", "sms_gateway"]
