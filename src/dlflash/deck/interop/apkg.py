"""The notes of an Anki package (.apkg) or collection (.colpkg), read without Anki.

A package is a zip holding the collection as SQLite: `collection.anki21b` (Zstandard-
compressed, the current format, schema 18: note types, fields and decks in tables), else
`collection.anki21` or `collection.anki2` (schema 11: them as JSON in `col`). Current
packages also carry a `collection.anki2` that only says "please update Anki": the newest
one inside wins. Media files are counted, not read.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from io import BytesIO

from dlflash.base.errors import DlflashError
from dlflash.deck.interop.anki_export import MISSING_EXTRA
from dlflash.deck.interop.notes import SourceNote
from dlflash.deck.interop.text_formats import note_fields, point_items

_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
_OWN = {"meta", "media", *_NAMES}


def _collection(data: bytes, name: str) -> tuple[bytes, int]:
    """The collection's SQLite bytes, and how many media files the package holds."""
    try:
        package = zipfile.ZipFile(BytesIO(data))
        inside = set(package.namelist())
        chosen = next((n for n in _NAMES if n in inside), None)
        if chosen is None:
            raise DlflashError(f"{name} holds no Anki collection; export it again from Anki.")
        raw = package.read(chosen)
    except (zipfile.BadZipFile, OSError) as error:
        raise DlflashError(f"{name} is not an Anki package ({error}).") from None
    media = len(inside - _OWN)
    if chosen.endswith("b"):
        try:
            import zstandard
        except ImportError:
            raise DlflashError(MISSING_EXTRA) from None
        raw = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
    return raw, media


def package_notes(data: bytes, name: str) -> tuple[list[SourceNote], list[str]]:
    raw, media = _collection(data, name)
    database = sqlite3.connect(":memory:")
    try:
        # bytes 18-19 say "write-ahead log" in Anki's files, which a database in memory
        # cannot open; the rollback journal (1) reads the same pages
        database.deserialize(raw[:18] + b"\x01\x01" + raw[20:] if len(raw) > 20 else raw)
        tables = {row[0] for row in database.execute(
            "select name from sqlite_master where type = 'table'")}
        if "notetypes" in tables:
            types = dict(database.execute("select id, name from notetypes"))
            fields: dict[int, list[str]] = {}
            for ntid, field in database.execute("select ntid, name from fields order by ntid, ord"):
                fields.setdefault(ntid, []).append(field)
            decks = {i: n.replace("\x1f", "::") for i, n in database.execute(
                "select id, name from decks")}
        else:
            models_json, decks_json = database.execute("select models, decks from col").fetchone()
            models = json.loads(models_json)
            types = {int(k): v["name"] for k, v in models.items()}
            fields = {int(k): [f["name"] for f in v["flds"]] for k, v in models.items()}
            decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
        deck_of = dict(database.execute("select nid, min(did) from cards group by nid"))
        rows = database.execute("select id, guid, mid, tags, flds from notes order by id")
        notes = []
        for number, (note_id, guid, mid, tags, flds) in enumerate(rows, start=1):
            names = [n.casefold() for n in fields.get(mid, [])]
            values = flds.split("\x1f")
            pairs = [(names[i] if i < len(names) else "", v) for i, v in enumerate(values)]
            question, answer, points, main = note_fields(pairs, types.get(mid, ""))
            notes.append(SourceNote(
                where=f"{name}: note {number}", question=question, answer=answer,
                markup="html", points=point_items(points, "html"), tags=tags.split(),
                deck=decks.get(deck_of.get(note_id, 0), ""), guid=guid, main_question=main))
    except (sqlite3.Error, ValueError, KeyError, TypeError) as error:
        raise DlflashError(f"{name}: the Anki collection cannot be read ({error}).") from None
    finally:
        database.close()
    warnings = [f"{name}: {media} media file(s) left out"] if media else []
    return notes, warnings
