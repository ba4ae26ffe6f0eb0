"""A new agency starts on a phone, without a developer: an operator adds it and invites its
coordinator by e-mail (a real SMTP server on loopback); the coordinator sets a password,
adds two divisions, invites a reporter, fills the profile, starts the next fiscal year from
the previous one and downloads a memo that shows the agency's own name, its province's
letters and its signer."""

import io
import re

import pypdfium2
import pytest
from tests.smtp import smtp_server  # noqa: F401 - the fixture

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.measures.models import Measure
from prongsai.registry import invitations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ป่าไม้-ริมน้ำ-2569"  # noqa: S105 - a test password
LINK = re.compile(r"https?://\S+/invite/[\w-]+/")


def mailed_link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    found = LINK.search(body)
    assert found, body
    return found.group(0)


def test_an_operator_brings_a_new_agency_on_board(live_server, browser, smtp_server, settings):  # noqa: F811
    settings.SITE_URL = live_server.url
    _access, token = invitations.invite_site_person(actor="test", email="ops@example.org")
    phone = browser.new_context(
        locale="th-TH", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    ).new_page()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    base = live_server.url

    # The operator sets a password through the link and adds the agency by its DOPA code.
    phone.goto(f"{base}/invite/{token}/")
    phone.fill("#id_new_password1", PASSWORD)
    phone.fill("#id_new_password2", PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{base}/")
    phone.goto(f"{base}/operator/agencies/new/")
    # the place pickers and the suggested slug are drawn again after each change (htmx)
    phone.fill("#id_subdistrict_code", "640603")
    phone.press("#id_subdistrict_code", "Tab")
    phone.wait_for_selector("#place-label:has-text('640603')")
    phone.fill("#id_name", "องค์การบริหารส่วนตำบลสามเรือน")
    phone.press("#id_name", "Tab")
    phone.wait_for_load_state("networkidle")
    phone.fill("#id_slug", "samruean")
    phone.press("#id_slug", "Tab")
    phone.wait_for_load_state("networkidle")
    assert phone.input_value("#id_slug") == "samruean"
    assert phone.input_value("#id_subdistrict") == "640603"
    phone.fill("#id_document_number", "๗๒๔๐๑")
    phone.click("#agency-form button[type=submit]")
    phone.wait_for_url(f"{base}/operator/agencies/samruean/")
    agency = Agency.objects.get(slug="samruean")
    assert (agency.province_code, agency.district_code) == ("64", "6406")
    assert agency.document_code == "สท ๗๒๔๐๑"

    # … and invites its first coordinator, who gets the link by e-mail.
    phone.fill("#invite-form input[name=email]", "palad@samruean.go.th")
    phone.click("#invite-form button[type=submit]")
    link = mailed_link(smtp_server.wait_for(1)[0])
    phone.context.close()

    coordinator = browser.new_context(
        locale="th-TH", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    ).new_page()
    coordinator.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    coordinator.goto(link)
    coordinator.fill("#id_new_password1", PASSWORD)
    coordinator.fill("#id_new_password2", PASSWORD)
    coordinator.click("main button[type=submit]")
    coordinator.wait_for_url(f"{base}/")

    # Two divisions.
    coordinator.goto(f"{base}/a/samruean/divisions/")
    for name in ("สำนักปลัด", "กองคลัง"):
        coordinator.fill("#id_name", name)
        coordinator.click("form.card button[type=submit]")
        coordinator.wait_for_selector(f"text={name}")
    assert sorted(agency.divisions.values_list("name", flat=True)) == ["กองคลัง", "สำนักปลัด"]

    # A reporter for กองคลัง, invited by e-mail.
    coordinator.goto(f"{base}/a/samruean/people/invite/")
    coordinator.fill("input[name=email]", "klang@samruean.go.th")
    coordinator.select_option("select[name=role]", Role.REPORTER)
    coordinator.check("label:has-text('กองคลัง') input[type=checkbox]")
    coordinator.click("main form button[type=submit]")
    mails = smtp_server.wait_for(2)
    assert "klang@samruean.go.th" in smtp_server.recipients[1]
    assert "/invite/" in mailed_link(mails[1])
    reporter = Membership.objects.get(agency=agency, user__username="klang@samruean.go.th")
    assert reporter.role == Role.REPORTER
    assert [d.name for d in reporter.divisions.all()] == ["กองคลัง"]

    # The profile: the executive and the signer, seen in the memo head as typed.
    coordinator.goto(f"{base}/a/samruean/profile/")
    coordinator.fill("#id_head_title", "นายกองค์การบริหารส่วนตำบลสามเรือน")
    coordinator.fill("#id_signer_name", "นางสาวใจดี มีสุข")
    coordinator.fill("#id_signer_position", "หัวหน้าสำนักปลัด")
    coordinator.fill("#id_telephone", "0 5568 1234")
    coordinator.wait_for_selector("#head-preview :text('นางสาวใจดี มีสุข')")
    coordinator.click("#profile-form button[type=submit]")
    coordinator.wait_for_selector("text=บันทึกข้อมูลหน่วยงานแล้ว")

    # Last year's measure, then the next fiscal year started from it.
    coordinator.goto(f"{base}/a/samruean/2569/measures/new/")
    coordinator.fill("#id_title", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์ของหน่วยงาน")
    coordinator.fill("#id_steps", "รวบรวมข้อมูลทุกเดือน\nเผยแพร่บนเว็บไซต์")
    coordinator.check("fieldset label:has-text('กองคลัง') input[type=checkbox]")
    coordinator.click("main form button[type=submit]")
    coordinator.wait_for_url(re.compile(r".*/a/samruean/m/\d+/$"))
    coordinator.goto(f"{base}/a/samruean/2570/")
    coordinator.click("#start-year a[href*='carry-over']")
    coordinator.wait_for_url(re.compile(r".*/a/samruean/2570/carry-over/.*"))
    assert coordinator.locator("#carry-over-form input[name=measures]").first.is_checked()
    coordinator.click("#carry-over-form button[type=submit]")
    coordinator.wait_for_url(f"{base}/a/samruean/2570/")
    carried = Measure.objects.get(agency=agency, fiscal_year=2570)
    assert carried.carried_from is not None and carried.carried_from.fiscal_year == 2569

    # The memo: the agency's own name, its province's letters, the signer.
    # the link on the agency-year page, fetched with the coordinator's session
    href = coordinator.get_attribute("a[aria-label='ประกาศมาตรการ (O42) PDF']", "href")
    answer = coordinator.request.get(f"{base}{href}")
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    data = answer.body()
    assert data.startswith(b"%PDF")
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    flat = re.sub(r"\s+", "", text)
    assert "องค์การบริหารส่วนตำบลสามเรือน" in flat
    assert "สท๗๒๔๐๑/" in flat
    assert "นางสาวใจดีมีสุข" in flat
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 375
    assert errors == [], errors


def test_a_redraw_keeps_the_code_typed_while_it_was_on_its_way(live_server, phone):
    """The place pickers are drawn again after the name changes; a person who goes on to
    type the DOPA code while that redraw is on its way keeps every character typed."""
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import SiteAccess, SiteRole

    user = get_user_model().objects.create_user("ops2@example.org", password=PASSWORD)
    SiteAccess.objects.create(user=user, role=SiteRole.OPERATOR)
    base = live_server.url
    phone.goto(f"{base}/login/")
    phone.fill("#id_username", "ops2@example.org")
    phone.fill("#id_password", PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(f"{base}/")
    phone.goto(f"{base}/operator/agencies/new/")
    held = []

    def hold(route):  # the first redraw is held; the later ones go at once
        if held:
            route.continue_()
        else:
            held.append(route)

    phone.route("**/operator/agencies/new/place/**", hold)
    phone.fill("#id_name", "องค์การบริหารส่วนตำบลสามเรือน")
    phone.press("#id_name", "Tab")  # the redraw leaves, and is held on its way
    phone.wait_for_timeout(200)
    assert len(held) == 1
    phone.click("#id_subdistrict_code")
    phone.keyboard.type("6406")  # typed while the redraw is on its way
    held[0].continue_()
    phone.wait_for_load_state("networkidle")
    assert phone.input_value("#id_subdistrict_code") == "6406"
    phone.keyboard.type("03")  # the focus and the caret stayed in the field
    phone.press("#id_subdistrict_code", "Tab")
    phone.wait_for_selector("#place-label:has-text('640603')")
    assert phone.input_value("#id_subdistrict_code") == "640603"
