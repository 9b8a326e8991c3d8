"""`dlflash export --json` / `import --json`: every event type out and back, merged by id;
`dlflash export --csv`: the review log."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal, get_args, get_origin, get_type_hints

import pytest

from dlflash.cli import main
from dlflash.journal import events as journal_events
from dlflash.journal.events import Event, Review, Undo, encode, new_id
from dlflash.journal.store import Store

from conftest import KST

START = datetime(2026, 3, 2, 9, 0, tzinfo=KST)


def sample(cls: type, number: int) -> Event:
    """An instance of any event type, built from its fields' types: a type added to the
    journal later is covered without touching this test."""
    hints = get_type_hints(cls, vars(journal_events))
    values: dict[str, object] = {}
    for field in fields(cls):
        kind = hints[field.name]
        if field.name == "id":
            values[field.name] = f"{cls.__name__.lower()}-{number}"
        elif field.name == "device":
            values[field.name] = "phone"
        elif kind is datetime:
            values[field.name] = START + timedelta(minutes=number)
        elif kind is date:
            values[field.name] = START.date()
        elif kind is int:
            values[field.name] = 1
        elif kind is str:
            values[field.name] = "q01"
        elif get_origin(kind) is Literal:
            values[field.name] = get_args(kind)[0]
        else:
            values[field.name] = field.default
    return cls(**values)  # type: ignore[no-any-return]


def every_event_type() -> list[Event]:
    return [sample(cls, number) for number, cls in enumerate(get_args(Event))]


def write_journal(data: Path, device: str, events: list[Event]) -> None:
    (data / "reviews").mkdir(parents=True, exist_ok=True)
    (data / "reviews" / f"{device}.jsonl").write_bytes(b"".join(map(encode, events)))


def stored(data: Path) -> set[bytes]:
    history, _ = Store(data, "testdev").read(full=True)
    return {encode(event) for event in history.events()}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def review(number: int, card: str = "q01", grade: int = 4, device: str = "laptop",
           minutes: int = 0) -> Review:
    ts = START + timedelta(days=number, minutes=minutes)
    return Review(id=f"r{number}-{minutes}", card=card, ts=ts, day=ts.date(), grade=grade,
                  device=device, ms=4200, answer="ReLU, \"max\"\n(0, x)", ticked=(0, 2))


def test_every_event_type_goes_out_and_back(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = every_event_type()
    assert len(events) == len(get_args(Event)) >= 3
    write_journal(data_dir, "phone", events[::2])
    write_journal(data_dir, "laptop", events[1::2])
    document = tmp_path / "history.json"
    assert run(capsys, "export", "--json", str(document))[0] == 0
    parsed = json.loads(document.read_text(encoding="utf-8"))
    assert (parsed["format"], parsed["schema"], parsed["count"]) == ("dlflash-history", 1,
                                                                     len(events))
    assert [event["id"] for event in parsed["events"]] == [event.id for event in events]

    fresh = tmp_path / "fresh"
    code, out, _ = run(capsys, "--data-dir", str(fresh), "import", "--json", str(document))
    assert code == 0 and f"Merged {len(events)} new events" in out
    assert stored(fresh) == {encode(event) for event in events}
    assert [p.name for p in (fresh / "reviews").iterdir()] == ["testdev.imported.jsonl"]


def test_importing_twice_changes_nothing_and_only_new_events_are_added(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = [review(0, grade=3), review(0, grade=5, minutes=5), review(1, card="q02")]
    phone = [review(2, device="phone"), review(3, card="q02", grade=1, device="phone")]
    write_journal(data_dir, "laptop", laptop)
    write_journal(data_dir, "phone", phone)
    document = tmp_path / "history.json"
    run(capsys, "export", "--json", str(document))
    expected = run(capsys, "stats", "--json")[1]

    other = tmp_path / "other"  # the laptop alone, before it saw the phone's journal
    write_journal(other, "laptop", laptop)
    code, out, _ = run(capsys, "--data-dir", str(other), "import", "--json", str(document))
    assert code == 0 and "Merged 2 new events" in out and "3 were already" in out
    imported = other / "reviews" / "testdev.imported.jsonl"
    once = imported.read_bytes()
    assert run(capsys, "--data-dir", str(other), "stats", "--json")[1] == expected

    code, out, _ = run(capsys, "--data-dir", str(other), "import", "--json", str(document))
    assert code == 0 and "Nothing new: all 5 events" in out
    assert imported.read_bytes() == once
    assert run(capsys, "--data-dir", str(other), "stats", "--json")[1] == expected


@pytest.mark.parametrize(("change", "message"), [
    ({"schema": 2}, "written by a newer dlflash (history schema 2"),
    ({"format": "something-else"}, "is not a dlflash history"),
    ({"events": [{"v": 9, "id": "x"}]}, "event 3: written by a newer dlflash (schema 9)"),
    ({"events": [{"v": 1, "id": "x", "type": "review"}]}, "field 'ts' is missing"),
])
def test_a_document_that_cannot_be_merged_is_refused_whole(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str],
    change: dict[str, object], message: str,
) -> None:
    write_journal(data_dir, "laptop", [review(0)])
    document = tmp_path / "history.json"
    run(capsys, "export", "--json", str(document))
    parsed = json.loads(document.read_text(encoding="utf-8"))
    parsed["events"].append(json.loads(encode(review(1, device="phone"))))
    if "events" in change:
        parsed["events"] += change["events"]  # type: ignore[operator]
    else:
        parsed |= change
    document.write_text(json.dumps(parsed), encoding="utf-8")
    before = sorted(p.name for p in (data_dir / "reviews").iterdir())
    code, _, err = run(capsys, "import", "--json", str(document))
    assert code == 1 and message in err and "nothing was imported" in err.lower()
    assert "Traceback" not in err
    assert sorted(p.name for p in (data_dir / "reviews").iterdir()) == before


def test_not_json_and_missing_files_are_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\xff\xfe not json")
    assert "is not a JSON document" in run(capsys, "import", "--json", str(junk))[2]
    code, _, err = run(capsys, "import", "--json", str(tmp_path / "missing.json"))
    assert code == 1 and "Cannot read" in err
    code, _, err = run(capsys, "export", "--json", str(tmp_path))
    assert code == 1 and "is a folder" in err


def test_an_import_waits_for_a_running_dlflash(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_journal(data_dir, "laptop", [review(0)])
    document = tmp_path / "history.json"
    run(capsys, "export", "--json", str(document))
    store = Store(data_dir, "testdev")
    store.open()
    try:
        code, _, err = run(capsys, "import", "--json", str(document))
    finally:
        store.close()
    assert code == 3 and "Another dlflash" in err


def test_no_device_can_be_named_like_an_imported_journal(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLFLASH_DEVICE", "laptop.imported")
    code, _, err = run(capsys, "due")
    assert code == 1 and "not end in '.imported'" in err


def test_the_review_log_as_csv(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undone = review(2, card="q02")
    undo = Undo(id=new_id(), target=undone.id, ts=undone.ts + timedelta(seconds=5),
                day=undone.day, device="laptop")
    write_journal(data_dir, "laptop", [review(0, grade=3), review(0, grade=5, minutes=5),
                                       review(1, card="q02", grade=0), undone, undo])
    out_file = tmp_path / "reviews.csv"
    code, out, _ = run(capsys, "export", "--csv", str(out_file))
    assert code == 0 and "Wrote 3 reviews" in out
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["card"], r["grade"], r["repeat"], r["interval"]) for r in rows] == [
        ("q01", "3", "0", "1"), ("q01", "5", "1", "1"), ("q02", "0", "0", "1")]
    assert rows[0]["time"] == "2026-03-02T09:00:00+09:00"
    assert (rows[0]["seconds"], rows[0]["ticked"], rows[0]["ease"]) == ("4.2", "ac", "2.36")
    assert rows[0]["answer"] == "ReLU, \"max\"\n(0, x)" and rows[0]["due"] == "2026-03-03"


@pytest.mark.parametrize("kind", ["--json", "--csv"])
def test_dash_writes_to_standard_output(tmp_path: Path, data_dir: Path,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    # Found from outside: `export --json -` wrote a file named "-" in the current folder.
    write_journal(data_dir, "laptop", [review(1), review(2, "q02")])
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "export", kind, "-")
    assert code == 0 and not (tmp_path / "-").exists()
    assert "to standard output" in err and "Wrote" not in out
    if kind == "--json":
        assert json.loads(out)["count"] == 2
    else:
        rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
        assert rows[0][:3] == ["time", "day", "card"] and len(rows) == 3
