"""Complaint cases' history is for complaint officers: others neither open nor see it."""

from prongsai.public import services_cases


def received_case(agency):
    case, _receipt = services_cases.submit_feedback(
        agency=agency, kind="complaint", subject="เรื่องลับ", body="รายละเอียดการร้องเรียน"
    )
    return case


def test_complaint_officer_reads_a_cases_history(demo, complaint_officer, as_user):
    case = received_case(demo)
    response = as_user(complaint_officer).get(f"/a/ummao/history/case/{case.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"case #{case.pk}" in html and "case.receive" in html


def test_other_roles_are_refused_a_cases_history(demo, coordinator, executive, as_user):
    case = received_case(demo)
    for user in (coordinator, executive):
        response = as_user(user).get(f"/a/ummao/history/case/{case.pk}/")
        assert response.status_code == 403
        assert "case.receive" not in response.content.decode()


def test_the_agency_history_leaves_cases_out(demo, coordinator, as_user):
    received_case(demo)
    response = as_user(coordinator).get("/a/ummao/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "case.receive" not in html
    assert "measure" in html  # the demo's own events are listed
