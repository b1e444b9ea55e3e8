"""Every main screen of every role, on the seeded demo, at phone, tablet and desktop width: a
screenshot, no sideways scrolling, no serious or critical WCAG 2.1 A/AA violation (axe-core) and no
id used twice (see screens.check_screen). And the mobile menu works by keyboard alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import (
    Course,
    CourseStatus,
    Decision,
    Referral,
    ReferralStatus,
    Session,
    SessionKind,
)
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from rehabplan.organisation.models import TeamClass
from rehabplan.reporting.kpi.sections import SECTIONS
from rehabplan.scheduling.weeks import iso_week_of
from rehabplan.trainingpackages.models import LocalPackage
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.screens import PHONE, axe_violations, check_screen, log_in
from tests.whatif import drafts

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server) -> str:
    """The demo municipality, seeded on the real date: the planner plans no week in the past."""
    seed_demo(seed=2026, today=timezone.localdate())
    return live_server.url


def visit(page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (name, url)
    check_screen(page, name)


def test_every_role_s_screens(demo, page, tmp_path):
    """One walk per role on one seeded demo: seeding costs more than a role's walk. The leader
    walks last, as planning a week and trying a draft are the only walks that add anything."""
    visitator_screens(demo, page)
    therapist_screens(demo, page)
    administrator_screens(demo, page)
    leader_screens(demo, page, tmp_path)


def visitator_screens(demo, page):
    referral = Referral.objects.filter(status=ReferralStatus.AWAITING_DECISION).first()
    decided = Decision.objects.order_by("-pk").first()
    log_in(page, demo, "visitator", DEMO_PASSWORD)
    check_screen(page, "visitator-forside")
    visit(page, f"{demo}/borgere/", "visitator-borgersoegning")
    page.locator("main").get_by_label("Navn eller CPR-nummer").fill(referral.citizen.last_name)
    page.locator("main").get_by_role("button", name="Søg").click()
    page.get_by_role("heading", name="fundet").wait_for()
    check_screen(page, "visitator-borgersoegning-resultat")
    visit(page, f"{demo}/borgere/{referral.citizen_id}/", "visitator-borger")
    visit(page, f"{demo}/henvisninger/{referral.pk}/", "visitator-henvisning")
    visit(page, f"{demo}/modtagelse/ny/", "visitator-registrering")
    visit(page, f"{demo}/modtagelse/gop/", "visitator-gop")
    visit(page, f"{demo}/frister/", "visitator-frister")
    next_page_by_keyboard(page)
    check_screen(page, "visitator-frister-side-2")
    visit(page, f"{demo}/modtagelse/indbakke/", "visitator-indbakke")
    visit(page, f"{demo}/visitation/afventer/", "visitator-afventer-afgoerelse")
    visit(page, f"{demo}/visitation/breve/", "visitator-breve-uden-modtagelse")
    visit(page, f"{demo}/henvisninger/{referral.pk}/funktionsvurdering/", "visitator-vurdering")
    visit(page, f"{demo}/henvisninger/{referral.pk}/afgoerelse/", "visitator-afgoerelse-form")
    visit(page, f"{demo}/afgoerelser/{decided.pk}/", "visitator-afgoerelse")
    visit(page, f"{demo}/kvalitetsstandard/", "visitator-kvalitetsstandard")


def therapist_screens(demo, page):
    course = Course.objects.filter(status=CourseStatus.ACTIVE, attendances__isnull=False).first()
    team_session = Session.objects.filter(kind=SessionKind.TEAM).order_by("-starts_at").first()
    log_in(page, demo, "terapeut", DEMO_PASSWORD)
    check_screen(page, "terapeut-forside")
    visit(page, f"{demo}/borgere/{course.citizen_id}/", "terapeut-borger")
    visit(page, f"{demo}/forloeb/{course.pk}/", "terapeut-forloeb")
    visit(page, f"{demo}/aftaler/{team_session.pk}/", "terapeut-holdaftale")
    visit(page, f"{demo}/forloeb/{course.pk}/book/", "terapeut-booking")
    visit(page, f"{demo}/forloeb/{course.pk}/afslut/", "terapeut-afslutning")
    visit(page, f"{demo}/frister/", "terapeut-frister")
    visit(page, f"{demo}/mine-forloeb/", "terapeut-mine-forloeb")
    visit(page, f"{demo}/mine-hold/", "terapeut-mine-hold")
    visit(page, f"{demo}/oevelser/", "terapeut-oevelsesbibliotek")
    visit(page, f"{demo}/oevelser/?formaal=balance&niveau=2", "terapeut-oevelser-filtreret")
    visit(page, f"{demo}/oevelser/?tekst=zzzz", "terapeut-oevelser-ingen")
    visit(page, f"{demo}/oevelser/sit_to_stand/", "terapeut-oevelse")
    home_programme_screens(demo, page)
    visit(page, f"{demo}/traeningspakker/", "terapeut-traeningspakker")
    visit(page, f"{demo}/traeningspakker/?fase=severe", "terapeut-traeningspakker-filter")
    visit(page, f"{demo}/traeningspakker/forloeb/{course.pk}/", "terapeut-traeningspakke")
    visit(
        page,
        f"{demo}/traeningspakker/forloeb/{course.pk}/?dementia_type=alzheimers&phase=mild"
        "&living=home",
        "terapeut-traeningspakke-valg",
    )
    phone_menu_by_keyboard(page, demo)


def home_programme_screens(demo, page):
    """The home programme's screens for a demo course with two versions and weeks recorded."""
    from rehabplan.homeprogrammes.models import HomeProgramme

    programme = HomeProgramme.objects.filter(version=2).select_related("course").first()
    course = programme.course
    visit(page, f"{demo}/forloeb/{course.pk}/", "terapeut-forloeb-hjemmetraening")
    visit(page, f"{demo}/hjemmetraening/{course.pk}/nyt/", "terapeut-hjemmeprogram-bygger")
    visit(
        page,
        f"{demo}/hjemmetraening/{course.pk}/nyt/?fra=skabelon&skabelon=knee_alloplasty",
        "terapeut-hjemmeprogram-skabelon",
    )
    visit(page, f"{demo}/hjemmetraening/{course.pk}/versioner/", "terapeut-hjemmeprogram-versioner")
    first = HomeProgramme.objects.get(course=course, version=1)
    visit(page, f"{demo}/hjemmetraening/program/{first.pk}/", "terapeut-hjemmeprogram-version")
    visit(page, f"{demo}/hjemmetraening/{course.pk}/traening/", "terapeut-hjemmetraening-uger")


def leader_screens(demo, page, tmp_path):
    log_in(page, demo, "leder", DEMO_PASSWORD)
    check_screen(page, "leder-forside")
    visit(page, f"{demo}/planlaeg/", "leder-planlaeg")
    page.get_by_label("Uge", exact=True).fill(
        iso_week_of(timezone.localdate() + dt.timedelta(days=7))
    )
    page.locator("main").get_by_role("button", name="Planlæg").click()
    page.get_by_text("Hvem starter hvor og hvornår").wait_for(timeout=60_000)
    # On a phone each planned citizen is a card, each value labelled with its column's heading.
    expect(page.locator("main table td[data-title='Borger']").first).to_be_attached()
    check_screen(page, "leder-forslag")
    visit(page, f"{demo}/log/", "leder-adgangslog")
    entry = AuditEntry.objects.order_by("-pk").first()
    visit(page, f"{demo}/log/{entry.pk}/", "leder-adgangslog-post")
    visit(page, f"{demo}/kvalitetsstandard/", "leder-kvalitetsstandard")
    visit(page, f"{demo}/kl-gateway/", "leder-kl-gateway-start")
    visit(page, f"{demo}/forskning/", "leder-forskning")
    visit(page, f"{demo}/traeningspakker/rapport/", "leder-traeningspakker-rapport")
    visit(page, f"{demo}/traeningspakker/hold/", "leder-traeningspakker-hold")
    team_class = TeamClass.objects.order_by("pk").first()
    visit(page, f"{demo}/traeningspakker/hold/{team_class.pk}/", "leder-traeningspakke-hold")
    # The demo starts with one SMS the gateway refused.
    visit(page, f"{demo}/udbakke/fejlede/", "leder-fejlede-beskeder")
    expect(page.get_by_test_id("failed-messages")).to_be_visible()
    training_package_screens(demo, page)
    for section in SECTIONS:
        visit(page, f"{demo}/statistik/{section.key}/", f"leder-noegletal-{section.key}")
        # The demo has cases behind a figure on every page, and they open.
        drilldown = page.locator("main a[href*='/sager/']").first
        assert drilldown.count() == 1, section.key
        drilldown.click()
        page.wait_for_load_state()
        check_screen(page, f"leder-noegletal-{section.key}-sager")
    visit(page, f"{demo}/afproev-udkast/", "leder-afproev")
    draft = tmp_path / "demo-udkast.toml"
    draft.write_text(drafts.every_change(), "utf-8")
    page.get_by_label("Udkast til kvalitetsstandard (TOML-fil)").set_input_files(str(draft))
    page.get_by_role("button", name="Afprøv udkastet").click()
    page.get_by_text("Borgere med en anden afgørelse efter udkastet").wait_for(timeout=60_000)
    check_screen(page, "leder-afproev-resultat")


def training_package_screens(demo, page):
    """The catalogue, a package in full, the demo's local package and its second version, the
    adaptation form and a new version's form, all as the leader."""
    local = LocalPackage.objects.get()
    newest = local.versions.order_by("-number").first()
    visit(page, f"{demo}/traeningspakker/", "leder-traeningspakker")
    visit(page, f"{demo}/traeningspakker/{local.national_key}/", "leder-traeningspakke")
    visit(page, f"{demo}/traeningspakker/lokale/{local.pk}/", "leder-lokal-pakke")
    visit(page, f"{demo}/traeningspakker/lokale/versioner/{newest.pk}/", "leder-lokal-version")
    visit(page, f"{demo}/traeningspakker/{local.national_key}/tilpas/", "leder-tilpas-pakke")
    visit(page, f"{demo}/traeningspakker/lokale/{local.pk}/ny-version/", "leder-ny-version")


def administrator_screens(demo, page):
    log_in(page, demo, "administrator", DEMO_PASSWORD)
    check_screen(page, "administrator-forside")
    visit(page, f"{demo}/brugere/spaerrede/", "administrator-spaerrede")
    visit(page, f"{demo}/kvalitetsstandard/", "administrator-kvalitetsstandard")
    visit(page, f"{demo}/admin/", "administrator-opsaetning")
    visit(page, f"{demo}/admin/organisation/location/", "administrator-opsaetning-liste")


def next_page_by_keyboard(page) -> None:
    """The pagination is links: Tab reaches "Næste side" and Enter opens page 2, which says so
    with aria-current on its number."""
    page.set_viewport_size({"width": 1366, "height": 900})
    next_link = page.get_by_role("link", name="Næste side")
    next_link.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('rel')") == "next"
    page.keyboard.press("Enter")
    page.wait_for_url("**/frister/?side=2")
    current = page.locator(".pagination [aria-current='page']")
    assert current.inner_text().strip().endswith("2")


def phone_menu_by_keyboard(page, demo: str) -> None:
    """At phone width: Tab to the menu button, Enter opens the menu with the focus in it, Tab
    reaches "Log af" without leaving the menu, Escape closes it and the focus is back on the
    button; "Log af" in the menu logs the user out."""
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(f"{demo}/")
    menu_button = page.get_by_role("button", name="Menu", exact=True)
    drawer = page.get_by_role("dialog", name="Menu")
    assert menu_button.is_visible() and not drawer.is_visible()
    # The desktop menu and "Log af" are hidden on a phone; the menu button is the way in.
    assert not page.locator(".solution-info").get_by_role("button", name="Log af").is_visible()

    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('js-menu-open')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    page.keyboard.press("Enter")
    drawer.wait_for(state="visible")
    assert page.evaluate("() => !!document.activeElement.closest('#mobile-menu')")
    assert drawer.get_by_role("link", name="Forside").is_visible()
    assert drawer.get_by_role("link", name="Borgere").is_visible()
    page.wait_for_timeout(400)  # the drawer slides in
    page.screenshot(path=str(ARTIFACTS / f"terapeut-mobilmenu-{PHONE}.png"))
    assert not axe_violations(page)

    for _ in range(20):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        assert page.evaluate("() => !!document.activeElement.closest('#mobile-menu')"), focused
        if focused == "Log af":
            break
    else:
        pytest.fail("Tab never reached Log af in the menu")

    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.classList.contains('js-menu-open')")

    # Opened again, "Log af" in the menu logs the user out.
    page.keyboard.press("Enter")
    drawer.wait_for(state="visible")
    drawer.get_by_role("button", name="Log af").click()
    page.wait_for_url(f"{demo}/log-ind/**")
