"""Read a Word file (.docx) into the plain text the importer reads.

Word keeps paragraphs, not the booklet's lines, so the result goes through
texts.parsing like any pasted text: its line breaks are made again, and margin
numbers glued to a line ("85 kapitaal ...") are the anchors where the document has
them. What Word knows is carried over in the importer's conventions:

- each paragraph on a line of its own; a heading or a long paragraph (flowing text)
  gets a blank line around it, short ones (booklet lines typed one per paragraph) stay together;
  a manual line break is a line break, an empty paragraph a blank line;
- italic or bold words become `*emphasis*`;
- right after the title, a paragraph all in bold is the subtitle and paragraphs all
  in italics are the introduction: printed above line 1, not numbered;
- Word's own footnotes become a marker `¹⁾` after the word and "noot n ..." at the
  end, numbered in the order the text refers to them; "noot n" lines typed in the
  text and the source lines ("naar:", "uit:") are read as in plain text.
"""

from __future__ import annotations

import io
import re
import zipfile

from texts.parsing import FLOWING_THRESHOLD, SUPERSCRIPT_DIGITS, ParseError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_HEADING = re.compile(r"^tekst\s+\d+$", re.IGNORECASE)
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _superscript(number: int) -> str:
    return "".join(SUPERSCRIPT_DIGITS[int(d)] for d in str(number)) + "⁾"


def read_docx(data: bytes) -> str:
    """The document's text in the importer's conventions; ParseError("docx_broken")
    when it is no readable .docx."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ParseError("docx_broken") from exc
    except Exception as exc:  # python-docx and lxml raise many kinds on broken files
        raise ParseError("docx_broken") from exc
    bodies = _footnote_bodies(document)
    numbers: dict[str, int] = {}
    lines: list[str] = []
    # Right after the title: a bold paragraph is the subtitle, italic ones are the
    # introduction, written in the importer's conventions ("**...**", "*...*"
    # standing alone before "(1)"), which parse_text keeps out of the numbering.
    after_title: bool | None = None  # None: no title yet
    for paragraph in document.paragraphs:
        text = _paragraph_text(paragraph._p, numbers)
        if not text.strip():
            lines.append("")
            continue
        if after_title is None:
            # "Tekst 1" above the title is no title.
            after_title = not _TEXT_HEADING.match(text) or None
        elif after_title:
            style = _whole_style(paragraph._p) if re.fullmatch(r"\*[^*\n]+\*", text) else ""
            if style:
                lines += ["", f"*{text}*" if style == "bold" else text, ""]
                continue
            after_title = False
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        heading = style.startswith(("title", "heading", "titel", "kop"))
        if heading or max(len(part) for part in text.split("\n")) > FLOWING_THRESHOLD:
            lines += ["", text, ""]
        else:
            lines.append(text)
    notes = [
        f"noot {number} {bodies.get(note_id, '')}".rstrip()
        for note_id, number in sorted(numbers.items(), key=lambda item: item[1])
    ]
    if notes:
        lines += ["", *notes]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def _paragraph_text(p, numbers: dict[str, int]) -> str:
    """A paragraph's runs as text with *emphasis* and footnote markers."""
    segments: list[tuple[str, bool]] = []
    for run in p.iter(f"{_W}r"):
        em = _is_emphasised(run)
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                segments.append((child.text or "", em))
            elif tag == f"{_W}tab":
                segments.append((" ", False))
            elif tag in (f"{_W}br", f"{_W}cr"):
                kind = child.get(f"{_W}type")
                segments.append(("\n\n" if kind == "page" else "\n", False))
            elif tag == f"{_W}footnoteReference":
                note_id = child.get(f"{_W}id")
                number = numbers.setdefault(note_id, len(numbers) + 1)
                segments.append((_superscript(number), False))
    return _join(segments)


def _whole_style(p) -> str:
    """ "italic" or "bold" when every word of the paragraph is printed so, else ""."""
    runs = [
        run for run in p.iter(f"{_W}r") if "".join(t.text or "" for t in run.iter(f"{_W}t")).strip()
    ]
    if not runs:
        return ""
    if all(_has(run, "i") for run in runs):
        return "italic"
    if all(_has(run, "b") for run in runs):
        return "bold"
    return ""


def _has(run, name: str) -> bool:
    props = run.find(f"{_W}rPr")
    element = props.find(f"{_W}{name}") if props is not None else None
    return element is not None and element.get(f"{_W}val", "true") not in ("0", "false")


def _is_emphasised(run) -> bool:
    return _has(run, "i") or _has(run, "b")


def _join(segments: list[tuple[str, bool]]) -> str:
    """Join runs, wrapping each stretch of emphasis in one pair of *, spaces outside."""
    out: list[str] = []
    i = 0
    while i < len(segments):
        text, em = segments[i]
        if not em or not text.strip():
            out.append(text)
            i += 1
            continue
        j = i
        stretch = ""
        while j < len(segments) and segments[j][1] and "\n" not in segments[j][0]:
            stretch += segments[j][0]
            j += 1
        core = stretch.strip()
        lead = stretch[: len(stretch) - len(stretch.lstrip())]
        trail = stretch[len(stretch.rstrip()) :]
        out.append(f"{lead}*{core}*{trail}")
        i = j
    return "".join(out).strip()


def _footnote_bodies(document) -> dict[str, str]:
    """Word's footnotes by id (the separators Word keeps there are left out)."""
    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype == _FOOTNOTES),
        None,
    )
    if part is None:
        return {}
    from lxml import etree

    root = etree.fromstring(part.blob)
    bodies = {}
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator"):
            continue
        text = " ".join(
            _paragraph_text(p, {}).replace("\n", " ") for p in note.iter(f"{_W}p")
        ).strip()
        bodies[note.get(f"{_W}id")] = text
    return bodies
