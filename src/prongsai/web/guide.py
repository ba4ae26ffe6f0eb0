"""The user guide (คู่มือ): Markdown files shipped in the package, one per role, rendered
with a small, safe subset of Markdown.

The files in `web/guide/` are the one source of truth: docs/guide/README.md links to them
and the browser tests put their screenshots in docs/guide/img/. Only what the guide uses is
understood: headings, paragraphs, bulleted and numbered lists, **bold**, `code` and links.
Every character of the text is escaped before the inline marks are turned into tags, so the
guide cannot carry HTML; a link may only point to another page of the guide or to https.
Screenshots are left out of the page (light on old PCs and slow phones) and kept as text.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GUIDE_DIR = Path(__file__).resolve().parent / "guide"

# The order of the index: who does the most work first.
PAGES = (
    "coordinator",
    "reporter",
    "executive",
    "viewer",
    "complaint_officer",
    "oversight",
    "operator",
    "citizen",
)

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\([^)]*\)$")
_NUMBERED = re.compile(r"^\d+\.\s+")
_GUIDE_LINK = re.compile(r"^(?:\./)?([a-z_]+)\.md(#[a-z0-9-]+)?$")


@dataclass(frozen=True)
class GuidePage:
    name: str
    title: str
    html: SafeString


def _href(target: str) -> str | None:
    """Where a link may go: another guide page or an https address; None drops the link."""
    match = _GUIDE_LINK.match(target)
    if match and match.group(1) in PAGES:
        return reverse("guide_page", args=[match.group(1)]) + (match.group(2) or "")
    if target.startswith("https://"):
        return target
    return None


def _inline(text: str) -> str:
    """Escape the text, then turn the inline marks into tags (their content stays escaped)."""
    out: list[str] = []
    position = 0
    for match in _LINK.finditer(text):
        out.append(_marks(text[position : match.start()]))
        href = _href(match.group(2))
        label = _marks(match.group(1))
        out.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        position = match.end()
    out.append(_marks(text[position:]))
    return "".join(out)


def _marks(text: str) -> str:
    html: str = escape(text)
    html = _CODE.sub(r"<code>\1</code>", html)
    return _BOLD.sub(r"<b>\1</b>", html)


def render_markdown(source: str) -> tuple[str, SafeString]:
    """The first heading (the page's title) and the rest of the page as safe HTML."""
    title = ""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close() -> None:
        nonlocal list_tag
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            body = "".join(f"<li>{_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_tag}>{body}</{list_tag}>")
            items.clear()
        list_tag = ""

    for raw in source.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        bullet = line.startswith(("- ", "* "))
        numbered = _NUMBERED.match(line)
        if not line:
            close()
        elif heading:
            close()
            level = len(heading.group(1))
            if level == 1 and not title:
                title = heading.group(2)
            else:
                # the page's own <h1> is its title; headings inside start at h2
                tag = f"h{max(level, 2)}"
                blocks.append(f"<{tag}>{_inline(heading.group(2))}</{tag}>")
        elif _IMAGE.match(line):
            close()
        elif bullet or numbered:
            tag = "ol" if numbered else "ul"
            if list_tag != tag or paragraph:
                close()
            list_tag = tag
            items.append(line[numbered.end() :] if numbered else line[2:])
        elif items and raw.startswith(" "):
            items[-1] += " " + line  # a list item continued on the next line
        else:
            if items:
                close()
            paragraph.append(line)
    close()
    return title, mark_safe("\n".join(blocks))  # noqa: S308 - built from escaped text only


@cache
def guide_page(name: str) -> GuidePage | None:
    """A page of the guide by name (one of PAGES), None for any other name."""
    if name not in PAGES:
        return None
    title, html = render_markdown((GUIDE_DIR / f"{name}.md").read_text(encoding="utf-8"))
    return GuidePage(name=name, title=title, html=html)
