"""Filing a complaint in a real browser, then reloading the receipt page: one case, and the
code shown once (Post/Redirect/Get)."""

import pytest

from prongsai.demo.agency import load_demo
from prongsai.public.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reloading_the_receipt_files_nothing_and_does_not_show_the_code_again(live_server, page):
    load_demo()
    page.goto(f"{live_server.url}/p/ummao/feedback/")
    page.check("input[name=kind][value=complaint]")
    page.fill("#id_subject", "เรียกรับเงินค่าอนุญาต")
    page.fill("#id_body", "มีการเรียกรับเงินเพิ่มเติมนอกเหนือค่าธรรมเนียม")
    page.click("main button[type=submit]")
    page.wait_for_url("**/p/ummao/feedback/receipt/")
    receipt = page.locator("#receipt").inner_text().replace(" ", "")
    assert len(receipt) == 16 and receipt.isdigit()
    assert "ระบบจะไม่แสดงรหัสนี้อีก" in page.locator("main").inner_text()

    # The browser's reload repeats the GET of the receipt page, never the POST.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = page.reload()
    assert response is not None and response.status == 200
    assert dialogs == []  # no "resend the form?" question
    assert Case.objects.count() == 1
    main = page.locator("main").inner_text()
    assert page.locator("#receipt").count() == 0
    assert receipt not in main.replace(" ", "")
    assert "แสดงไปแล้ว" in main and "จะไม่แสดงรหัสนี้อีก" in main

    # Back and forward do not bring the code back either (the page is no-store).
    page.go_back()
    page.go_forward()
    assert Case.objects.count() == 1
    assert receipt not in page.locator("main").inner_text().replace(" ", "")
