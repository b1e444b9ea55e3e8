"""The permission each API operation needs, written down apart from the code that checks it, so
that a check deleted from an operation shows up as a role that gets in. An operation that any
of several permissions opens (as its screen does) names them all in a tuple."""

from __future__ import annotations

ACCESS: dict[str, str | tuple[str, ...]] = {
    # Borgere
    "list_citizens": "citizens.view_citizen",
    "search_citizens": "citizens.view_citizen",
    "get_citizen": "citizens.view_citizen",
    "create_citizen": "citizens.add_citizen",
    # Henvisninger
    "list_referrals": "courses.view_referral",
    "get_referral": "courses.view_referral",
    "register_referral": "courses.register_referral",
    "record_contacts": "courses.register_referral",
    "correct_dates": "courses.register_referral",
    # Genoptræningsplaner
    "import_gop": "courses.register_referral",
    # Frister
    "referral_deadlines": "courses.view_referral",
    "list_open_deadlines": "courses.view_referral",
    # Vurdering og afgørelse
    "record_assessment": ("courses.decide_referral", "courses.document_course"),
    "list_assessments": "courses.view_referral",
    "make_decision": "courses.decide_referral",
    "set_plan": "courses.decide_referral",
    "list_decisions": "courses.view_referral",
    "get_decision": "courses.view_referral",
    "get_decision_letter": "courses.view_referral",
    "record_letter_receipt": "courses.decide_referral",
    # Planlægning
    "request_proposal": "courses.plan_courses",
    "list_proposals": "courses.plan_courses",
    "get_proposal": "courses.plan_courses",
    "accept_proposal": "courses.plan_courses",
    # Kvalitetsstandarder: every member of staff reads the standard, as on the web page.
    "get_standard": "",
    "compute_deadlines": "",
    "check_eligibility": "",
    # Organisation: therapists, classes and places, as every booking screen shows them.
    "get_organisation": "",
    # Nøgletal
    "get_kpi": "reporting.view_kpi",
    # Forløb
    "list_courses": "courses.view_course",
    "get_course": "courses.view_course",
    # Træningsgange
    "list_course_sessions": "courses.view_course",
    "book_session": "courses.document_course",
    "get_session": "courses.view_course",
    "cancel_session": "courses.document_course",
    "cancel_attendance": "courses.document_course",
    "document_session": "courses.document_course",
    # Notater
    "list_notes": "courses.view_course",
    "write_note": "courses.document_course",
    "correct_note": "courses.document_course",
    # Målinger
    "list_outcome_tests": "courses.view_course",
    "list_measurements": "courses.view_course",
    "record_measurement": "courses.document_course",
    # Mål
    "list_goals": "courses.view_course",
    "create_goal": "courses.document_course",
    "evaluate_goal": "courses.document_course",
}
