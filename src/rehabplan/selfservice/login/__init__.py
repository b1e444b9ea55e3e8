"""How a citizen logs in. The login method is pluggable (`CitizenLoginMethod`, chosen by the
setting SELFSERVICE_LOGIN_METHOD); every method ends in `session.start_citizen_session`, which
is all the pages behind the login rely on."""

from rehabplan.selfservice.login.method import CitizenLoginMethod, login_method

__all__ = ["CitizenLoginMethod", "login_method"]
