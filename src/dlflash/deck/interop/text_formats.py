"""Anki's "Notes in Plain Text" export (its `#separator:`, `#html:`, `#tags column:` ...
header lines) and CSV files of question, answer, key points and tags, as `SourceNote`s."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from dlflash.base.errors import DlflashError
from dlflash.deck.interop.notes import Markup, SourceNote

_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|",
               "colon": ":"}
_HEADERS = {
    "question": ("question", "front", "q", "질문", "문제"),
    "answer": ("answer", "back", "a", "답", "답변", "정답"),
    "points": ("key points", "key_points", "keypoints", "points", "핵심", "요점"),
    "tags": ("tags", "tag", "태그"),
}


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DlflashError(f"{name} is not UTF-8 text; save it as UTF-8 and import it "
                           "again.") from None


def _rows(text: str, delimiter: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line = first_line
    for row in reader:
        yield line, row
        line = first_line + reader.line_num


def is_anki_text(text: str) -> bool:
    return text.startswith("#separator:") or text.startswith("#html:")


def anki_text(text: str, name: str) -> tuple[list[SourceNote], list[str]]:
    """The notes of an Anki text export, and a warning for each header line not used."""
    lines = text.split("\n")
    settings: dict[str, str] = {}
    warnings = []
    count = 0
    while count < len(lines) and lines[count].startswith("#") and ":" in lines[count]:
        key, _, value = lines[count][1:].partition(":")
        settings[key.strip().casefold()] = value.strip()
        count += 1
    known = {"separator", "html", "tags column", "guid column", "notetype column",
             "deck column", "tags", "deck", "notetype", "columns"}
    warnings += [f"{name}: header #{key} was not used" for key in settings if key not in known]
    separator = settings.get("separator", "tab")
    delimiter = _SEPARATORS.get(separator.casefold(), separator[:1] or "\t")
    markup: Markup = "html" if settings.get("html", "false").casefold() == "true" else "plain"

    def column(key: str) -> int | None:
        value = settings.get(f"{key} column", "")
        return int(value) - 1 if value.isdigit() and int(value) > 0 else None

    special = {key: column(key) for key in ("tags", "guid", "notetype", "deck")}
    names = [n.strip().casefold() for n in settings.get("columns", "").split(delimiter)]
    notes = []
    for line, row in _rows("\n".join(lines[count:]), delimiter, count + 1):
        if not any(cell.strip() for cell in row):
            continue

        def cell(index: int | None, row: list[str] = row) -> str:
            return row[index] if index is not None and index < len(row) else ""

        fields = [(names[i] if i < len(names) else "", value) for i, value in enumerate(row)
                  if i not in special.values()]
        notetype = cell(special["notetype"]) or settings.get("notetype", "")
        question, answer, points, main = note_fields(fields, notetype)
        tags = (cell(special["tags"]) + " " + settings.get("tags", "")).split()
        notes.append(SourceNote(
            where=f"{name}:{line}", question=question, answer=answer, markup=markup,
            points=point_items(points, markup), tags=tags,
            deck=cell(special["deck"]) or settings.get("deck", ""),
            guid=cell(special["guid"]), main_question=main))
    return notes, warnings


def note_fields(fields: list[tuple[str, str]], notetype: str) -> tuple[str, str, str, str]:
    """Question, answer, key points and main question from a note's fields: by name when
    they have dlflash's or Anki's names, else the first two; other fields join the answer."""
    named = {key: value for key, value in fields}
    if notetype == "dlflash" and len(fields) >= 4:
        return fields[0][1], fields[1][1], fields[2][1], fields[3][1]
    question = next((named[k] for k in _HEADERS["question"] if k in named), None)
    answer = next((named[k] for k in _HEADERS["answer"] if k in named), None)
    values = [value for _, value in fields]
    if question is None or answer is None:
        question, answer = [*values, "", ""][:2]
    rest = [value for value in values if value not in (question, answer) and value.strip()]
    return question, "<br>".join([answer, *rest]) if rest else answer, "", ""


def point_items(points: str, markup: str) -> list[str]:
    """Key points: a list's items (the Key points field of a dlflash note), or lines."""
    if markup == "html":
        return [item.split("</li>")[0] for item in points.split("<li>")[1:]]
    return [line.strip() for line in points.replace(";", "\n").splitlines() if line.strip()]


def csv_notes(text: str, name: str) -> list[SourceNote]:
    """question, answer, optional key points (one a line, or split by ';') and tags; a first
    row of column names (question, answer, key points, tags, front, back, ...) is read as
    the header."""
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = list(_rows(text, delimiter, 1))
    order = ["question", "answer", "points", "tags"]
    if rows:
        header = [cell.strip().casefold() for cell in rows[0][1]]
        kinds = {kind for kind, names in _HEADERS.items() for h in header if h in names}
        if {"question", "answer"} <= kinds:
            order = [next((k for k, names in _HEADERS.items() if h in names), "") for h in header]
            rows = rows[1:]
    notes = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        values = {kind: row[i] for i, kind in enumerate(order) if kind and i < len(row)}
        notes.append(SourceNote(
            where=f"{name}:{line}", question=values.get("question", ""),
            answer=values.get("answer", ""), markup="markdown",
            points=point_items(values.get("points", ""), "markdown"),
            tags=values.get("tags", "").replace(",", " ").split()))
    return notes
