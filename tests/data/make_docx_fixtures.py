"""Make the DOCX fixtures of tests/memos and tests/imports (run once; the .docx files are committed).

    .venv/bin/python tests/data/make_docx_fixtures.py

The memos are made the way a clerk makes them in Word: TH SarabunPSK, header lines with
tabs ("ที่<tab>ขก ๗๘๐๐๒/๒๑๘<tab>วันที่<tab>…"), Thai digits, tables with real merged cells
(gridSpan and vMerge) and heading rows that repeat on every page (tblHeader), page numbers
in the page header part, the signature as "(name)" and the position under it.

    clean-khonkaen.docx          อบต.บ้านหว้า, Khon Kaen, FY2566: no finding
    merged-nakhonratchasima.docx ทต.โพธิ์กลาง, Nakhon Ratchasima, FY2567: merged cells
                                 everywhere, a number column, status rows in another order
                                 and worded differently; no finding
    planted-errors-chiangmai.docx ทต.สันผีเสื้อ, Chiang Mai, FY2566: one planted error of
                                 every lint code (see PLANTED below)
    long-20pages.docx            ทต.เชียงเครือ, Kalasin, FY2566: 10 measures in two long tables, 20 pages, clean
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
FONT = "TH SarabunPSK"
TICK = "✓"
STATUS_WORDS = ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการเสร็จเรียบร้อยแล้ว")
STATUS_INDEX = {"not_started": 0, "in_progress": 1, "done": 2}
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def th(n: int | str) -> str:
    return str(n).translate(THAI)


@dataclass
class MeasureSpec:
    title: str
    steps: list[str]
    divisions: list[str]
    monitoring: str
    status: str | None  # not_started / in_progress / done / None (no tick)
    evidence: str = ""
    status_title: str = ""  # the wording in the status table, when it differs
    extra_ticks: tuple[str, ...] = ()  # planted: more ticks in the same row


@dataclass
class MemoSpec:
    file: str
    department: str
    telephone: str
    number: str
    date: str
    subject: str
    addressee: str
    paragraphs: list[str]
    status_intro: list[str]
    measures: list[MeasureSpec]
    closing: str
    signer: str
    position: list[str]
    number_column: bool = False
    merge_divisions: bool = False
    merge_monitoring: bool = False
    status_order: list[int] | None = None  # indices of measures in the status table
    skip_status: set[int] = field(default_factory=set)  # planted: measures without a row
    tick: str = TICK


# ------------------------------------------------------------------ Word details


def set_cs_font(rpr_parent, size_pt: float | None = None, bold: bool = False) -> None:
    """Thai is a complex script: Word reads w:cs and w:szCs, not only ascii and sz."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size_pt:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))
    if bold:
        for tag in ("w:b", "w:bCs"):
            if rpr.find(qn(tag)) is None:
                rpr.append(OxmlElement(tag))


def run(paragraph, text: str, size: float = 16, bold: bool = False):
    r = paragraph.add_run(text)
    set_cs_font(r._r, size, bold)
    return r


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def cell_lines(cell, lines: list[str], align=None) -> None:
    """A cell's text as one paragraph a line (what pressing Enter in a cell makes)."""
    first = cell.paragraphs[0]
    for p in cell.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    for i, line in enumerate(lines or [""]):
        p = first if i == 0 else cell.add_paragraph()
        if align is not None:
            p.alignment = align
        run(p, line)


def page_number_header(section) -> None:
    """-๒- centred at the top from page 2 on: a PAGE field in the header part."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "-")
    r = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE \\* THAI "), ("separate", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            r._r.append(instr)
    run(p, "๒")
    end = p.add_run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    end._r.append(fld)
    run(p, "-")


def head_line(doc, label: str, value: str, second: tuple[str, str] | None = None) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(Cm(2.5))
    p.paragraph_format.tab_stops.add_tab_stop(Cm(9))
    p.paragraph_format.tab_stops.add_tab_stop(Cm(10.5))
    run(p, label, 20, bold=True)
    run(p, "\t" + value)
    if second:
        run(p, "\t")
        run(p, second[0], 20, bold=True)
        run(p, "\t" + second[1])


def body(doc, text: str, indent: bool = True):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Cm(2.5)
    p.paragraph_format.space_before = Pt(6)
    run(p, text)
    return p


# ------------------------------------------------------------------ the memo


def measures_table(doc, spec: MemoSpec) -> None:
    heads = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม"]
    if spec.number_column:
        heads = ["ที่", *heads]
    table = doc.add_table(rows=1 + len(spec.measures), cols=len(heads))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat_header(table.rows[0])
    for c, head in enumerate(heads):
        cell_lines(table.cell(0, c), [head], WD_ALIGN_PARAGRAPH.CENTER)
        set_cs_font(table.cell(0, c).paragraphs[0].runs[0]._r, 16, bold=True)
    off = 1 if spec.number_column else 0
    for i, m in enumerate(spec.measures, start=1):
        if spec.number_column:
            cell_lines(table.cell(i, 0), [th(i)], WD_ALIGN_PARAGRAPH.CENTER)
            cell_lines(table.cell(i, off), [m.title])
        else:
            cell_lines(table.cell(i, 0), [f"({th(i)}) {m.title}"])
        cell_lines(table.cell(i, off + 1), [f"- {s}" for s in m.steps])
        if not spec.merge_divisions:
            cell_lines(table.cell(i, off + 2), m.divisions)
        if not spec.merge_monitoring:
            cell_lines(table.cell(i, off + 3), [m.monitoring])
    set_widths(table, [1.0, 3.5, 5.5, 3.0, 3.0] if spec.number_column else [4, 6, 3, 3])
    if spec.merge_divisions:
        _merge_runs(table, off + 2, [m.divisions for m in spec.measures])
    if spec.merge_monitoring:
        _merge_runs(table, off + 3, [[m.monitoring] for m in spec.measures])


def set_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _merge_runs(table, col: int, values: list[list[str]]) -> None:
    """Cells with the same value in consecutive rows become one vertically merged cell."""
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        cell = table.cell(1 + i, col)
        if j > i:
            cell = cell.merge(table.cell(1 + j, col))
        cell_lines(cell, values[i])
        i = j + 1


def status_table(doc, spec: MemoSpec) -> None:
    order = spec.status_order or list(range(len(spec.measures)))
    order = [i for i in order if i not in spec.skip_status]
    table = doc.add_table(rows=2 + len(order), cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_widths(table, [4.0, 5.5, 2.2, 2.2, 2.1])
    repeat_header(table.rows[0])
    repeat_header(table.rows[1])
    title = table.cell(0, 0).merge(table.cell(1, 0))
    steps = table.cell(0, 1).merge(table.cell(1, 1))
    status = table.cell(0, 2).merge(table.cell(0, 4))
    cell_lines(title, ["มาตรการ"], WD_ALIGN_PARAGRAPH.CENTER)
    cell_lines(steps, ["ขั้นตอนหรือวิธีการ"], WD_ALIGN_PARAGRAPH.CENTER)
    cell_lines(status, ["สถานะการดำเนินการ"], WD_ALIGN_PARAGRAPH.CENTER)
    for c, word in enumerate(STATUS_WORDS, start=2):
        cell_lines(table.cell(1, c), [word], WD_ALIGN_PARAGRAPH.CENTER)
    for r, index in enumerate(order, start=2):
        m = spec.measures[index]
        cell_lines(table.cell(r, 0), [m.status_title or m.title])
        cell_lines(table.cell(r, 1), [f"- {s}" for s in m.steps])
        ticked = {STATUS_INDEX[s] for s in (m.status, *m.extra_ticks) if s}
        for c in range(3):
            lines = [spec.tick] if c in ticked else ["-"]
            if c in ticked and m.evidence and STATUS_INDEX.get(m.status or "") == c:
                lines.append(f"({m.evidence})")
            cell_lines(table.cell(r, 2 + c), lines, WD_ALIGN_PARAGRAPH.CENTER)


def make(spec: MemoSpec) -> Path:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    set_cs_font(normal.element, 16)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    page_number_header(section)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(title, "บันทึกข้อความ", 29, bold=True)
    head_line(doc, "ส่วนราชการ", f"{spec.department}  โทร. {spec.telephone}")
    head_line(doc, "ที่", spec.number, ("วันที่", spec.date))
    head_line(doc, "เรื่อง", spec.subject)
    head_line(doc, "เรียน", spec.addressee)
    for text in spec.paragraphs:
        body(doc, text)
    measures_table(doc, spec)
    for text in spec.status_intro:
        body(doc, text)
    status_table(doc, spec)
    body(doc, spec.closing)
    for _ in range(3):
        doc.add_paragraph()
    for text in (f"({spec.signer})", *spec.position):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(p, text)
    path = HERE / spec.file
    doc.save(str(path))
    return path


# ------------------------------------------------------------------ the fixtures

KK = "องค์การบริหารส่วนตำบลบ้านหว้า"
KK_MEASURES = [
    MeasureSpec(
        "เผยแพร่ข้อมูลข่าวสารของหน่วยงานต่อสาธารณะ",
        [
            "ปรับปรุงข้อมูลบนเว็บไซต์ของหน่วยงานให้เป็นปัจจุบันทุกเดือน",
            "ประชาสัมพันธ์ผลการดำเนินงานทางเฟซบุ๊กของหน่วยงาน",
        ],
        ["สำนักปลัด"],
        "รายงานผลทุกไตรมาส",
        "done",
        "เผยแพร่บนเว็บไซต์ของหน่วยงานแล้ว",
    ),
    MeasureSpec(
        "ส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง",
        [
            "ประกาศแผนการจัดซื้อจัดจ้างประจำปีบนเว็บไซต์",
            "จัดทำรายงานสรุปผลการจัดซื้อจัดจ้างรายเดือน",
        ],
        ["กองคลัง"],
        "รายงานผลทุกไตรมาส",
        "in_progress",
    ),
    MeasureSpec(
        "เปิดโอกาสให้ประชาชนมีส่วนร่วมในการดำเนินงาน",
        ["จัดประชุมประชาคมหมู่บ้านเพื่อรับฟังความคิดเห็นก่อนจัดทำแผนพัฒนาท้องถิ่น"],
        ["สำนักปลัด", "กองช่าง"],
        "รายงานผล ณ ๓๐ กันยายน ๒๕๖๖",
        "not_started",
    ),
    MeasureSpec(
        "จัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        [
            "จัดทำคู่มือการจัดการเรื่องร้องเรียนและเผยแพร่ให้ประชาชนทราบ",
            "รายงานสถิติเรื่องร้องเรียนต่อผู้บริหารทุกเดือน",
        ],
        ["สำนักปลัด"],
        "รายงานผลทุกไตรมาส",
        "done",
        "คู่มือการจัดการเรื่องร้องเรียน",
    ),
    MeasureSpec(
        "ป้องกันการขัดกันระหว่างผลประโยชน์",
        ["อบรมพนักงานส่วนตำบลเรื่องการขัดกันระหว่างผลประโยชน์ส่วนตนกับประโยชน์ส่วนรวม"],
        ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"],
        "รายงานผล ณ ๓๐ กันยายน ๒๕๖๖",
        "in_progress",
    ),
]

CLEAN = MemoSpec(
    file="clean-khonkaen.docx",
    department=f"สำนักปลัด {KK}",
    telephone="๐ ๔๓๒๖ ๑๑๒๒",
    number="ขก ๗๘๐๐๒/๒๑๘",
    date="๒๘ เมษายน ๒๕๖๖",
    subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    addressee=f"นายก{KK}",
    paragraphs=[
        "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
        "ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ของ{KK} อำเภอเมืองขอนแก่น จังหวัดขอนแก่น "
        "มีค่าคะแนนเท่ากับ ๘๘.๗๕ อยู่ในระดับ A",
        f"{KK}จึงได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ดังนี้",
    ],
    status_intro=[
        "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖ ดังนี้",
    ],
    measures=KK_MEASURES,
    closing="จึงเรียนมาเพื่อโปรดทราบและพิจารณา",
    signer="นางสาวสมศรี ใจงาม",
    position=[f"ปลัด{KK}"],
)

PK = "เทศบาลตำบลโพธิ์กลาง"
PK_DIVISIONS = ["สำนักปลัดเทศบาล", "กองคลัง"]
PK_MONITORING = "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๗"
PK_MEASURES = [
    MeasureSpec(
        "ควรมีมาตรการลดขั้นตอนการให้บริการประชาชน",
        ["ปรับปรุงคู่มือการให้บริการประชาชนทุกงานบริการ", "ให้บริการ ณ จุดเดียว"],
        PK_DIVISIONS,
        PK_MONITORING,
        "in_progress",
        status_title="มีมาตรการลดขั้นตอนการให้บริการประชาชน",
    ),
    MeasureSpec(
        "ควรเปิดเผยข้อมูลการใช้งบประมาณประจำปี",
        ["เผยแพร่แผนการใช้จ่ายงบประมาณและรายงานผลการใช้จ่ายงบประมาณบนเว็บไซต์"],
        PK_DIVISIONS,
        PK_MONITORING,
        "done",
        "ตรวจสอบในเว็บไซต์ของหน่วยงาน",
        status_title="เปิดเผยข้อมูลการใช้งบประมาณประจำปี",
    ),
    MeasureSpec(
        "ส่งเสริมการใช้ทรัพย์สินของราชการอย่างถูกต้อง",
        ["จัดทำแนวปฏิบัติการยืมพัสดุและครุภัณฑ์ของเทศบาล"],
        ["กองคลัง"],
        PK_MONITORING,
        "done",
        "ประกาศแนวปฏิบัติ ลงวันที่ ๑๕ มกราคม ๒๕๖๗",
    ),
    MeasureSpec(
        "เสริมสร้างวัฒนธรรมองค์กรที่ไม่ทนต่อการทุจริต",
        ["จัดกิจกรรมประกาศเจตนารมณ์ต่อต้านการทุจริตของผู้บริหารและพนักงาน"],
        ["สำนักปลัดเทศบาล"],
        "รายงานผล ณ ๓๐ กันยายน ๒๕๖๗",
        "not_started",
    ),
]

MERGED = MemoSpec(
    file="merged-nakhonratchasima.docx",
    department=f"สำนักปลัดเทศบาล {PK}",
    telephone="๐ ๔๔๒๑ ๓๓๔๕",
    number="นม ๕๒๒๐๑/๓๓",
    date="๒๙ มีนาคม ๒๕๖๗",
    subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    addressee="นายกเทศมนตรีตำบลโพธิ์กลาง",
    paragraphs=[
        "ตามที่ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ของ{PK} อำเภอเมืองนครราชสีมา จังหวัดนครราชสีมา "
        "ได้คะแนน ๙๒.๑๐ ผลการประเมิน ผ่าน นั้น",
        f"{PK}ได้กำหนดมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใส ดังนี้",
    ],
    status_intro=["ผลการดำเนินการตามมาตรการ ข้อมูล ณ วันที่ ๒๙ มีนาคม ๒๕๖๗"],
    measures=PK_MEASURES,
    closing="จึงเรียนมาเพื่อโปรดทราบ",
    signer="นายประเสริฐ มั่นคง",
    position=["หัวหน้าสำนักปลัดเทศบาล", f"ปฏิบัติหน้าที่ปลัด{PK}"],
    number_column=True,
    merge_divisions=True,
    merge_monitoring=True,
    status_order=[1, 0, 3, 2],
    tick="/",
)

SP = "เทศบาลตำบลสันผีเสื้อ"
# Planted errors, one line each: (code, the text that carries it).
PLANTED = [
    ("mixed_digits", "๒๙ มีนาคม ๒๕66"),
    ("province_code", "ลพ ๕๒๑๐๑/๔๕"),
    ("foreign_agency", "องค์การบริหารส่วนตำบลบ้านแป้น"),
    ("year_mismatch", "พ.ศ. ๒๕๖๓"),
    ("band_mismatch", "๙๑.๒๐"),
    ("status_missing", "จัดอบรมคุณธรรมจริยธรรม"),  # no row in the status table
    ("status_missing", "เผยแพร่ข้อมูลการจัดซื้อจัดจ้าง"),  # two ticks
    ("status_missing", "จัดทำช่องทางรับเรื่องร้องเรียน"),  # no tick
    ("misspelling", "อนุญาติ"),
    ("misspelling", "โอกาศ"),
    ("misspelling", "เว็ปไซต์"),
]
SP_MEASURES = [
    MeasureSpec(
        "ส่งเสริมการให้บริการด้วยความโปร่งใส",
        ["ลดขั้นตอนการขออนุญาติก่อสร้างอาคาร", "ให้บริการผ่านระบบออนไลน์"],
        ["กองช่าง"],
        "รายงานผลทุกไตรมาส",
        "in_progress",
    ),
    MeasureSpec(
        "เผยแพร่ข้อมูลการจัดซื้อจัดจ้าง",
        ["ประกาศผลการจัดซื้อจัดจ้างบนเว็ปไซต์ของเทศบาล"],
        ["กองคลัง"],
        "รายงานผลทุกไตรมาส",
        "done",
        extra_ticks=("in_progress",),
    ),
    MeasureSpec(
        "เปิดโอกาศให้ประชาชนมีส่วนร่วม",
        ["จัดเวทีประชาคมตำบล"],
        ["สำนักปลัดเทศบาล"],
        "รายงานผลทุกไตรมาส",
        "done",
        "ภาพถ่ายกิจกรรม",
    ),
    MeasureSpec(
        "จัดอบรมคุณธรรมจริยธรรม",
        ["อบรมพนักงานเทศบาลและพนักงานจ้าง"],
        ["สำนักปลัดเทศบาล"],
        "รายงานผลทุกไตรมาส",
        "not_started",
    ),
    MeasureSpec(
        "จัดทำช่องทางรับเรื่องร้องเรียน",
        ["เปิดช่องทางรับเรื่องร้องเรียนทางโทรศัพท์และไลน์"],
        ["สำนักปลัดเทศบาล"],
        "รายงานผลทุกไตรมาส",
        None,
    ),
]

PLANTED_SPEC = MemoSpec(
    file="planted-errors-chiangmai.docx",
    department=f"สำนักปลัดเทศบาล {SP}",
    telephone="๐ ๕๓๑๐ ๔๕๖๗",
    number="ลพ ๕๒๑๐๑/๔๕",
    date="๒๙ มีนาคม ๒๕66",
    subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    addressee="นายกเทศมนตรีตำบลสันผีเสื้อ",
    paragraphs=[
        "ตามที่ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ ขององค์การบริหารส่วนตำบลบ้านแป้น มีค่าคะแนนเท่ากับ "
        "๗๘.๒๐ อยู่ในระดับ B",
        f"และผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ของ{SP} อำเภอเมืองเชียงใหม่ "
        "จังหวัดเชียงใหม่ ได้คะแนน ๙๑.๒๐ อยู่ในระดับ B",
    ],
    status_intro=["ผลการดำเนินการตามมาตรการ ดังนี้"],
    measures=SP_MEASURES,
    closing="จึงเรียนมาเพื่อโปรดทราบ",
    signer="นางวันเพ็ญ แสงทอง",
    position=["หัวหน้าสำนักปลัดเทศบาล"],
    skip_status={3},
)

CK = "เทศบาลตำบลเชียงเครือ"
_TOPICS = [
    ("การเผยแพร่ข้อมูลข่าวสาร", "เผยแพร่ข้อมูลข่าวสารของเทศบาลบนเว็บไซต์และป้ายประชาสัมพันธ์"),
    ("การจัดซื้อจัดจ้าง", "ประกาศแผนและผลการจัดซื้อจัดจ้างให้ประชาชนตรวจสอบได้"),
    ("การให้บริการประชาชน", "ลดขั้นตอนและระยะเวลาการให้บริการประชาชนทุกงานบริการ"),
    ("การรับเรื่องร้องเรียน", "เปิดช่องทางรับเรื่องร้องเรียนที่หลากหลายและติดตามผลทุกเรื่อง"),
    ("การบริหารทรัพยากรบุคคล", "เผยแพร่หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคลให้พนักงานทราบ"),
]
_DIVS = ["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม"]
LONG_MEASURES = [
    MeasureSpec(
        f"{_TOPICS[i % 5][0]} ด้านที่ {th(i + 1)}",
        [
            f"{_TOPICS[i % 5][1]} โดยกำหนดผู้รับผิดชอบและระยะเวลาให้ชัดเจน "
            "พร้อมทั้งจัดทำรายงานผลการดำเนินงานเสนอต่อผู้บริหารเพื่อพิจารณาสั่งการ",
            "ประชุมชี้แจงพนักงานเทศบาล พนักงานจ้าง และผู้เกี่ยวข้องให้เข้าใจแนวทางปฏิบัติ "
            "ตามมาตรการนี้ และบันทึกผลการประชุมไว้เป็นหลักฐาน",
            "ติดตามความก้าวหน้าเป็นรายเดือน และปรับปรุงวิธีการทำงานตามข้อเสนอแนะของประชาชน",
        ],
        [_DIVS[i % 5], _DIVS[(i + 1) % 5]],
        "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๖",
        ("not_started", "in_progress", "done")[i % 3],
        "ตรวจสอบในเว็บไซต์ของหน่วยงาน" if i % 3 == 2 else "",
    )
    for i in range(10)
]
LONG = MemoSpec(
    file="long-20pages.docx",
    department=f"สำนักปลัดเทศบาล {CK}",
    telephone="๐ ๔๓๘๑ ๐๐๑๒",
    number="กส ๗๓๓๐๒/๘๘",
    date="๓๑ มีนาคม ๒๕๖๖",
    subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    addressee="นายกเทศมนตรีตำบลเชียงเครือ",
    paragraphs=[
        "ตามที่ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ของ{CK} อำเภอเมืองกาฬสินธุ์ จังหวัดกาฬสินธุ์ "
        "มีค่าคะแนนเท่ากับ ๗๙.๑๕ อยู่ในระดับ B",
        f"{CK}จึงกำหนดมาตรการจำนวน ๑๐ มาตรการ และรายงานผลการดำเนินการ ดังนี้",
    ],
    status_intro=["ผลการดำเนินการตามมาตรการ ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖ ดังนี้"],
    measures=LONG_MEASURES,
    closing="จึงเรียนมาเพื่อโปรดทราบ",
    signer="นายสมชาย รักดี",
    position=["ปลัดเทศบาลตำบลเชียงเครือ"],
)

ALL = [CLEAN, MERGED, PLANTED_SPEC, LONG]


def main() -> None:
    for spec in ALL:
        print(make(spec).relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
