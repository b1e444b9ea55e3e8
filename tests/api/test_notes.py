"""Clinical notes through the API: read a course's notes, write one, correct one."""

from __future__ import annotations

from rehabplan.courses.models import ClinicalNote
from rehabplan.courses.services.notes import note_write_standalone
from tests.api import course_support as support
from tests.api.course_support import MONDAY, post, problem_fields, views

# The shared fixtures, bound here so that pytest finds them for this module's tests.
call, demo, make_unit, naestved = support.call, support.demo, support.make_unit, support.naestved


def test_the_course_notes_are_listed_and_the_view_audited(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    note = note_write_standalone(
        user=demo.therapist_user, course=course, text="Ringede om kørsel.", kind="phone"
    )
    response = call(demo.visitator).get(f"/api/v1/courses/{course.pk}/notes")
    assert response.status_code == 200
    items = response.json()["items"]
    phone = next(item for item in items if item["id"] == note.pk)
    assert phone["kind"] == "phone" and phone["text"] == "Ringede om kørsel."
    assert phone["is_corrected"] is False and phone["written_at"].endswith("+01:00")
    (entry,) = views("Forløbets notater vist via API")
    assert entry.citizen_id == course.citizen_id


def test_writing_and_correcting_a_note(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    written = post(
        client,
        f"/api/v1/courses/{course.pk}/notes",
        {"kind": "relative", "text": "Datter ringede."},
    )
    assert written.status_code == 201
    note = ClinicalNote.objects.get(pk=written.json()["id"])
    assert (note.kind, note.course, note.author) == ("relative", course, demo.therapist_user)
    corrected = post(client, f"/api/v1/notes/{note.pk}/corrections", {"text": "Sønnen ringede."})
    assert corrected.status_code == 201
    assert corrected.json()["corrects_note_id"] == note.pk
    note.refresh_from_db()
    assert note.text == "Datter ringede."
    listed = client.get(f"/api/v1/courses/{course.pk}/notes").json()["items"]
    assert next(item for item in listed if item["id"] == note.pk)["is_corrected"] is True
    same = post(client, f"/api/v1/notes/{note.pk}/corrections", {"text": "Datter ringede."})
    assert same.status_code == 422
    assert same.json()["detail"] == "Rettelsen er den samme som det oprindelige notat."


def test_bad_notes_are_refused_in_danish(call, demo):
    course = demo.course("SEL86-1", received_on=MONDAY)
    client = call(demo.therapist_user)
    path = f"/api/v1/courses/{course.pk}/notes"
    intake = post(client, path, {"kind": "intake", "text": "Opstart"})
    assert intake.status_code == 422 and intake.json()["detail"] == "Vælg typen af notat."
    blank = post(client, path, {"kind": "general", "text": "   "})
    assert blank.status_code == 422 and blank.json()["detail"] == "Notatet er tomt."
    long = post(client, path, {"kind": "general", "text": "x" * 10_001})
    assert long.status_code == 422 and problem_fields(long) == {"text"}
    nul = post(client, path, {"kind": "general", "text": "a\x00b"})
    assert nul.status_code == 422
    assert nul.json()["errors"][0]["message"] == "Teksten må ikke indeholde NUL-tegn."


def test_roles_and_municipalities(call, demo, naestved):
    course = demo.course("SEL86-1", received_on=MONDAY)
    theirs = naestved.course("SEL86-1", received_on=MONDAY)
    note = note_write_standalone(
        user=naestved.therapist_user, course=theirs, text="Hemmeligt", kind="general"
    )
    body = {"kind": "general", "text": "Notat"}
    for user in (demo.visitator, demo.leader):
        assert post(call(user), f"/api/v1/courses/{course.pk}/notes", body).status_code == 403
    client = call(demo.therapist_user)
    assert client.get(f"/api/v1/courses/{theirs.pk}/notes").status_code == 404
    assert post(client, f"/api/v1/courses/{theirs.pk}/notes", body).status_code == 404
    response = post(client, f"/api/v1/notes/{note.pk}/corrections", {"text": "Ændret"})
    assert response.status_code == 404 and "Hemmeligt" not in response.content.decode()
    assert not ClinicalNote.objects.filter(corrects=note).exists()
