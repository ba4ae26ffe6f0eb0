"""The user guide: its small Markdown subset is safe, every role has a page, and the pages
are reachable from the header of every staff page and the footer of the public ones."""

import pytest

from prongsai.web.guide import GUIDE_DIR, PAGES, guide_page, render_markdown


def test_markdown_subset():
    title, html = render_markdown(
        "# คู่มือ\n\nย่อหน้า **ตัวหนา** และ `code`\nต่อบรรทัด\n\n## ขั้นตอน\n\n"
        "1. หนึ่ง\n2. สอง\n   ต่อ\n\n- ก\n- ข\n\n![ภาพ](img/x.png)\n"
    )
    assert title == "คู่มือ"
    assert html == (
        "<p>ย่อหน้า <b>ตัวหนา</b> และ <code>code</code> ต่อบรรทัด</p>\n<h2>ขั้นตอน</h2>\n"
        "<ol><li>หนึ่ง</li><li>สอง ต่อ</li></ol>\n<ul><li>ก</li><li>ข</li></ul>"
    )


def test_markdown_cannot_carry_html_or_script_links():
    _, html = render_markdown(
        "<script>alert(1)</script> **<img src=x onerror=alert(1)>** `<b>`\n"
        '[x](javascript:alert(1)) [y](http://example.org) [z](https://example.org/?a="b")'
    )
    assert html == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <b>&lt;img src=x onerror=alert(1)&gt;</b> "
        "<code>&lt;b&gt;</code> x) y "  # javascript: and plain http lose their link
        '<a href="https://example.org/?a=&quot;b&quot;">z</a></p>'
    )


@pytest.mark.django_db
def test_links_between_guide_pages_point_into_the_app():
    _, html = render_markdown("[ผู้รายงานผล](reporter.md) [อื่น](../../secret.md)")
    assert '<a href="/guide/reporter/">ผู้รายงานผล</a>' in html
    assert html == '<p><a href="/guide/reporter/">ผู้รายงานผล</a> อื่น</p>'


@pytest.mark.django_db
def test_every_role_has_a_page_with_a_title_and_steps():
    assert {p.stem for p in GUIDE_DIR.glob("*.md")} == set(PAGES)
    for name in PAGES:
        page = guide_page(name)
        assert page.title.startswith("คู่มือ")
        assert "<h2>" in page.html and ("<ol>" in page.html or "<ul>" in page.html)
    assert guide_page("../settings") is None


def test_guide_is_public_and_linked(demo, client, as_user, viewer):
    index = client.get("/guide/").content.decode()
    for name in PAGES:
        assert f'href="/guide/{name}/"' in index
    response = client.get("/guide/citizen/")
    assert response.status_code == 200
    assert "<title>คู่มือประชาชน · คู่มือการใช้งาน · โปร่งใส</title>" in response.content.decode()
    assert client.get("/guide/nobody/").status_code == 404
    staff_page = as_user(viewer).get("/a/ummao/2565/").content.decode()
    assert '<a href="/guide/">คู่มือ</a>' in staff_page
    public_page = client.get("/p/ummao/feedback/").content.decode()
    assert 'href="/guide/citizen/"' in public_page
