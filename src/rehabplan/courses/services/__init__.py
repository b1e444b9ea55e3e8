"""Every change to referrals, decisions and courses, one module per part of the flow.

Import from the submodule (`from rehabplan.courses.services.referrals import referral_register`).
"""
