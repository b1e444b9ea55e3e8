"""`rehabplan rules ...`: JSON on stdout, Danish errors on stderr, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rehabplan.rules.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_deadlines_json_shape(capsys):
    code, out, err = run(
        capsys,
        "deadlines",
        "--municipality",
        "fredericia",
        "--service",
        "SUL140",
        "--discharge",
        "2026-04-01",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["standard_version"] == "fredericia@2021-01-01+national@2025-07-01"
    contact, start = data["deadlines"]
    assert contact["kind"] == "contact" and contact["due"] == "2026-04-05"
    assert contact["falls_on_closed_day"] is True
    assert start == {
        **start,
        "kind": "start",
        "due": "2026-04-08",
        "basis": "calendar_days",
        "depends_on": None,
    }
    assert set(start) == {
        "kind",
        "due",
        "basis",
        "depends_on",
        "falls_on_closed_day",
        "explanation",
    }
    assert set(start["explanation"][0]) == {"rule_id", "text", "source"}


def test_deadlines_gop_start_and_missing_event(capsys):
    code, out, _ = run(
        capsys,
        "deadlines",
        "--municipality",
        "naestved",
        "--service",
        "SEL86-2",
        "--received",
        "2026-05-08",
    )
    assert code == 0
    start = json.loads(out)["deadlines"][1]
    assert start["due"] is None and start["depends_on"] == "decided"
    code, out, _ = run(
        capsys,
        "deadlines",
        "--municipality",
        "fredericia",
        "--service",
        "SUL140",
        "--discharge",
        "2026-04-01",
        "--gop-start",
        "2026-04-20",
    )
    assert json.loads(out)["deadlines"][1]["basis"] == "gop"


def test_eligibility_from_a_facts_file(capsys, tmp_path: Path):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"last_course_end": {"SEL86-2": "2025-12-01"}}))
    code, out, _ = run(
        capsys,
        "eligibility",
        "--municipality",
        "varde",
        "--service",
        "RAAD",
        "--on",
        "2026-11-23",
        "--facts",
        str(facts),
    )
    assert code == 0
    data = json.loads(out)
    assert data["outcome"] == "eligible"
    assert data["criteria"][0]["status"] == "met"
    assert {"id", "status", "text", "source"} <= set(data["criteria"][0])


def test_extent(capsys):
    code, out, _ = run(
        capsys, "extent", "--municipality", "varde", "--service", "SEL86-2", "--on", "2026-03-02"
    )
    assert code == 0
    assert json.loads(out)["max_sessions"] == 20


def test_check_exit_codes(capsys, tmp_path: Path):
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps(
            {
                "start": "2026-03-02",
                "end": "2026-06-05",
                "mode": "team",
                "session_count": 14,
                "per_week": 1,
            }
        )
    )
    code, out, _ = run(
        capsys, "check", "--municipality", "fredericia", "--service", "SEL86-2", "--plan", str(plan)
    )
    assert code == 1
    assert json.loads(out)["violations"][0]["severity"] == "block"
    code, out, _ = run(
        capsys, "check", "--municipality", "naestved", "--service", "SEL86-2", "--plan", str(plan)
    )
    assert code == 0
    assert json.loads(out)["ok"] is True


def test_show_lists_assumptions(capsys):
    code, out, _ = run(capsys, "show", "--municipality", "varde")
    assert code == 0
    assert "Antagelser" in out and "opening_hours" in out and "Varde Kommune" in out
    code, out, _ = run(capsys, "show", "--municipality", "varde", "--json")
    data = json.loads(out)
    assert data["kommunekode"] == 573
    assert any(a["what"] == "opening_hours" for a in data["assumptions"])
    code, out, _ = run(capsys, "show")
    assert "I alt" in out and "Demo Kommune" in out


def test_validate(capsys):
    code, out, _ = run(capsys, "validate")
    assert code == 0 and out.startswith("OK")


def test_validate_broken_folder(capsys, standards_copy: Path):
    path = standards_copy / "varde.toml"
    path.write_text(path.read_text("utf-8").replace("count = 6", "count = 6\nextra = 1"), "utf-8")
    code, _, err = run(capsys, "--standards", str(standards_copy), "validate")
    assert code == 2
    assert "varde.toml" in err and "extra" in err and "linje" in err
    assert "Traceback" not in err


def test_diff_against_a_new_file(capsys, tmp_path: Path, standards_copy: Path):
    text = (standards_copy / "varde.toml").read_text("utf-8")
    text = text.replace("count = 6\n", "count = 4\n").replace("max = 8\n", "max = 10\n")
    text += """
[[version.rule]]
id = "SEL86-2.contact"
type = "deadline"
services = ["SEL86-2"]
kind = "contact"
event = "received"
count = 10
unit = "working_days"
source = "kvalitetsstandard"
section = "Ny servicemål"
text = "Borgeren kontaktes inden 10 hverdage."
"""
    new = tmp_path / "varde-2027.toml"
    new.write_text(text.replace("effective_from = 2017-10-01", "effective_from = 2027-01-01"))
    code, out, err = run(
        capsys, "diff", "--municipality", "varde", "--from", "2026-01-01", "--to", str(new)
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["from"] == "varde@2017-10-01" and data["to"] == "varde@2027-01-01"
    assert [r["id"] for r in data["added"]] == ["SEL86-2.contact"]
    changed = {c["id"]: c["changes"] for c in data["changed"]}
    assert changed["SEL86-2.start"]["count"] == {"from": 6, "to": 4}
    assert changed["SEL86-2.team_size"]["max"] == {"from": 8, "to": 10}


def test_diff_between_dates_shows_the_aeldrelov_version(capsys):
    code, out, _ = run(
        capsys, "diff", "--municipality", "national", "--from", "2025-06-30", "--to", "2025-07-01"
    )
    assert code == 0
    data = json.loads(out)
    assert {s["code"] for s in data["services_changed"]} == {"SEL86-1", "SEL86-2", "RAAD"}


@pytest.mark.parametrize(
    "argv, message",
    [
        (["deadlines", "--municipality", "aarhus", "--service", "SUL140"], "ukendt kommune"),
        (["deadlines", "--municipality", "varde"], "mangler"),
        (
            [
                "deadlines",
                "--municipality",
                "varde",
                "--service",
                "SEL86-2",
                "--granted",
                "2026-02-30",
            ],
            "ugyldig dato",
        ),
        (
            [
                "deadlines",
                "--municipality",
                "varde",
                "--service",
                "SEL86-2",
                "--granted",
                "2016-01-01",
            ],
            "ingen kvalitetsstandard i kraft",
        ),
        (
            [
                "eligibility",
                "--municipality",
                "varde",
                "--service",
                "RAAD",
                "--on",
                "2026-01-01",
                "--facts",
                "/nonexistent/facts.json",
            ],
            "kan ikke læse",
        ),
        (["frister"], "ugyldigt valg"),
        (
            ["diff", "--municipality", "varde", "--from", "2026-01-01", "--to", "nope.toml"],
            "findes ikke",
        ),
    ],
)
def test_bad_input_exits_2_with_danish_message(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_wrong_fact_type_names_the_fact(capsys, tmp_path: Path):
    facts = tmp_path / "facts.json"
    facts.write_text('{"motivated": "ja"}')
    code, _, err = run(
        capsys,
        "eligibility",
        "--municipality",
        "varde",
        "--service",
        "SEL86-2",
        "--on",
        "2026-01-01",
        "--facts",
        str(facts),
    )
    assert code == 2 and "motivated" in err


def test_invalid_json_facts(capsys, tmp_path: Path):
    facts = tmp_path / "facts.json"
    facts.write_text('{"motivated": tru')
    code, _, err = run(
        capsys,
        "eligibility",
        "--municipality",
        "varde",
        "--service",
        "SEL86-2",
        "--on",
        "2026-01-01",
        "--facts",
        str(facts),
    )
    assert code == 2 and "ikke gyldig JSON" in err


def test_the_rehabplan_command_dispatches_to_rules():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rehabplan.cli",
            "rules",
            "deadlines",
            "--municipality",
            "varde",
            "--service",
            "SEL86-2",
            "--granted",
            "2026-03-02",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deadlines"][0]["due"] == "2026-04-13"


def test_diff_between_dates_shows_the_national_change_for_an_unchanged_municipality(capsys):
    code, out, err = run(
        capsys, "diff", "--municipality", "varde", "--from", "2025-06-30", "--to", "2025-07-01"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["changed"] == [] and data["same"] is False
    topics = {(d["services"][0], d["topic"]) for d in data["differences"]}
    assert topics == {
        ("SEL86-1", "Lovgrundlag"),
        ("SEL86-2", "Lovgrundlag"),
        ("RAAD", "Lovgrundlag"),
    }


def test_diff_two_municipalities_as_danish_text(capsys):
    code, out, err = run(
        capsys,
        "diff",
        "--municipality",
        "demo",
        "--other",
        "naestved",
        "--on",
        "2026-03-01",
        "--service",
        "SEL86-2",
        "--text",
    )
    assert code == 0, err
    assert out.startswith("Forskelle mellem Demo Kommune og Næstved Kommune:")
    assert (
        "Frist for start: Demo Kommune: Start senest 4 uger efter afgørelsen. "
        "Næstved Kommune: Start senest 10 kalenderdage efter afgørelsen." in out
    )
    assert "demo:SEL86.start: Demo Kommune" in out and "naestved:SEL86.start: Næstved" in out


def test_diff_against_a_draft_lists_the_differences_by_effect(capsys, tmp_path: Path):
    from rehabplan.rules.registry import shipped_standards_dir

    text = (
        (shipped_standards_dir() / "varde.toml")
        .read_text("utf-8")
        .replace("count = 6\n", "count = 4\n")
    )
    draft = tmp_path / "varde-udkast.toml"
    draft.write_text(text, "utf-8")
    code, out, err = run(
        capsys, "diff", "--municipality", "varde", "--from", "2026-01-01", "--to", str(draft)
    )
    assert code == 0, err
    data = json.loads(out)
    (difference,) = data["differences"]
    assert difference["topic"] == "Frist for start"
    assert difference["right"]["effect"] == "Start senest 4 uger efter bevillingen."


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "--municipality", "demo", "--other", "varde"],
        ["diff", "--municipality", "demo", "--from", "2026-01-01"],
        ["diff", "--municipality", "demo", "--other", "varde", "--on", "2026-01-01", "--to", "x"],
    ],
)
def test_diff_option_errors_are_danish_usage_errors(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "kræver" in err and "Traceback" not in err
