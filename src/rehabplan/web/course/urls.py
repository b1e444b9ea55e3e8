"""URLs for the course screens."""

from django.urls import path

from rehabplan.web.course import views as views

urlpatterns = [
    path("forloeb/<int:course_id>/", views.course_detail_view, name="course-detail"),
    path(
        "henvisninger/<int:referral_id>/forloeb/",
        views.course_create_view,
        name="course-create",
    ),
    path("forloeb/<int:course_id>/opstart/", views.course_intake_view, name="course-intake"),
    path("forloeb/<int:course_id>/plan/", views.course_plan_view, name="course-plan"),
    path(
        "forloeb/<int:course_id>/ugedage/",
        views.course_blocked_weekdays_view,
        name="course-weekdays",
    ),
    path("forloeb/<int:course_id>/notat/", views.note_create_view, name="note-create"),
    path("forloeb/<int:course_id>/mal/", views.goal_create_view, name="goal-create"),
    path("mal/<int:goal_id>/evaluer/", views.goal_evaluate_view, name="goal-evaluate"),
    path("forloeb/<int:course_id>/test/", views.measurement_create_view, name="measurement-create"),
    path("forloeb/<int:course_id>/book/", views.session_book_view, name="session-book"),
    path("forloeb/<int:course_id>/afslut/", views.course_close_view, name="course-close"),
    path(
        "forloeb/<int:course_id>/status/",
        views.status_report_send_view,
        name="status-report-send",
    ),
    path("forloeb/<int:course_id>/<slug:move>/", views.course_move_view, name="course-move"),
    path("aftaler/<int:session_id>/", views.session_document_view, name="session-document"),
    path("aftaler/<int:session_id>/aflys/", views.session_cancel_view, name="session-cancel"),
    path(
        "fremmoede/<int:attendance_id>/afbud/",
        views.attendance_cancel_view,
        name="attendance-cancel",
    ),
    path("notater/<int:note_id>/ret/", views.note_correct_view, name="note-correct"),
    path("status/<int:message_id>.pdf", views.status_report_pdf_view, name="status-report-pdf"),
]
