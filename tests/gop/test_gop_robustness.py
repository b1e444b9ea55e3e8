"""Whatever arrives, the parser answers with a plan or a list of problems, never a crash."""

from __future__ import annotations

import pickle
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehabplan.gop import GopProblem, GopRejected, ParsedGop, parse_gop
from rehabplan.gop.parser import MAX_BYTES
from rehabplan.gop.sample import build_gop_xml

VALID = build_gop_xml()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.integers(min_value=0, max_value=len(VALID) - 1),
    length=st.integers(min_value=0, max_value=40),
    replacement=st.binary(max_size=20),
)
def test_damaged_files_give_a_plan_or_problems(position, length, replacement):
    data = VALID[:position] + replacement + VALID[position + length :]
    try:
        result = parse_gop(data)
    except GopRejected as rejected:
        assert rejected.problems
        assert all(problem.element and problem.message for problem in rejected.problems)
    else:
        assert isinstance(result, ParsedGop)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=60))
def test_any_text_in_a_formatted_field_survives_both_encodings(text):
    utf8 = parse_gop(build_gop_xml(practical_information=text))
    latin1 = parse_gop(build_gop_xml(practical_information=text, encoding="iso-8859-1"))
    assert utf8 == latin1


def test_utf8_byte_order_mark_is_accepted():
    assert parse_gop(b"\xef\xbb\xbf" + VALID) == parse_gop(VALID)


def test_compact_time_is_accepted():
    data = VALID.replace(b"<Time>11:00</Time>", b"<Time>1100</Time>")
    assert (
        parse_gop(data).hospital_contact_expected_end
        == parse_gop(VALID).hospital_contact_expected_end
    )


def test_oversized_file_is_refused_without_parsing():
    try:
        parse_gop(b" " * (MAX_BYTES + 1))
    except GopRejected as rejected:
        [problem] = rejected.problems
        assert "fylder" in problem.message
    else:
        raise AssertionError("an oversized file was accepted")


def test_rejection_survives_pickling_between_processes():
    rejected = GopRejected([GopProblem("Emessage/RehabilitationPlan/Letter", "Elementet mangler.")])
    copy = pickle.loads(pickle.dumps(rejected))
    assert copy.problems == rejected.problems
    assert str(copy) == str(rejected)


def test_pure_python_packages_do_not_import_django():
    code = (
        "import sys, rehabplan.gop, rehabplan.gop.sample, rehabplan.letters, "
        "rehabplan.reference.outcome_tests; "
        "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
