"""`dlflash doctor`: the names sync tools give their copies, reading a journal line by line,
folding copies back (a backup first, nothing deleted), and the command."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dlflash.cli import main
from dlflash.journal.doctor import examine, fold, merge, scan
from dlflash.journal.events import encode
from dlflash.journal.store import Store
from dlflash.journal.sync_copies import conflict_copy, temporary_file

from test_store import review

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(("name", "tool", "journal"), [
    ("laptop-1a2b.sync-conflict-20260302-101500-ABCDEF7.jsonl", "Syncthing", "laptop-1a2b"),
    ("laptop (Jane's conflicted copy 2026-03-02).jsonl", "Dropbox or Nextcloud", "laptop"),
    ("laptop (Jane's conflicted copy 2026-03-02 (1)).jsonl", "Dropbox or Nextcloud", "laptop"),
    ("laptop (conflicted copy 2026-03-02 101500).jsonl", "Dropbox or Nextcloud", "laptop"),
    ("laptop (Selective Sync Conflict).jsonl", "Dropbox or Nextcloud", "laptop"),
    ("laptop_conflict-20260302-101500.jsonl", "ownCloud", "laptop"),
    ("laptop_LOCAL_4242.jsonl", "a git merge tool", "laptop"),
    ("laptop 2.jsonl", "a copy", "laptop"),
    ("laptop (1).jsonl", "a copy", "laptop"),
    # a copy of a copy belongs to the first journal; the last tool to copy is named
    ("a.sync-conflict-20260302-101500-ABCDEF7 (conflicted copy 2026-03-02 101501).jsonl",
     "Dropbox or Nextcloud", "a"),
    ("phone.imported.sync-conflict-20260302-101500-ABCDEF7.jsonl", "Syncthing",
     "phone.imported"),
])
def test_conflict_copies_are_known_by_name(name: str, tool: str, journal: str) -> None:
    found = conflict_copy(name)
    assert found is not None and (found.tool, found.journal) == (tool, f"{journal}.jsonl")


@pytest.mark.parametrize("name", ["laptop.jsonl", "my-host.local-1a2b.jsonl",
                                  "phone.imported.jsonl", "laptop.sync-conflict-1.jsonl",
                                  "laptop (conflicted copy).txt"])
def test_journals_proper_are_not_copies(name: str) -> None:
    assert conflict_copy(name) is None


@pytest.mark.parametrize(("name", "tool"), [
    (".laptop.jsonl.4242.tmp", "dlflash"),
    (".laptop.snapshot.4242.tmp", "dlflash"),
    (".syncthing.laptop.jsonl.tmp", "Syncthing"),
    ("~syncthing~laptop.jsonl.tmp", "Syncthing"),
    (".laptop.jsonl.~1a2b3c", "Nextcloud or ownCloud"),
    ("laptop.jsonl.!sync", "Resilio Sync"),
    ("laptop.jsonl.orig", "a git merge tool"),
    ("laptop.jsonl", None),
    ("laptop.snapshot", None),
])
def test_temporary_files_are_known_by_name(name: str, tool: str | None) -> None:
    assert temporary_file(name) == tool


def test_scan_reads_events_and_names_each_problem() -> None:
    one, two, three = review("q01", 5), review("q02", 3, 1), review("q03", 4, 2)
    data = (b"<<<<<<< HEAD\n" + encode(one) + b"=======\n" + encode(two) + b">>>>>>> B\n"
            b"\n{not json\n" + b'{"v":1,"id":"x","type":"review"}\n'
            + b'{"v":99,"id":"y"}\n' + encode(three).rstrip(b"\n"))
    found = scan(data)
    assert [line.event for line in found.lines] == [one, two, three]
    assert found.lines[-1].raw == encode(three)  # the newline a stripped last line lacks
    assert [(p.number, p.kind) for p in found.problems] == [
        (1, "marker"), (3, "marker"), (5, "marker"), (7, "unreadable"), (8, "unreadable"),
        (9, "newer")]
    assert scan(encode(one) + b'{"v":1,"id":').of("incomplete")[0].number == 2


def test_merge_keeps_each_event_once_in_time_order_with_its_own_bytes() -> None:
    early, late, later = review("q01", 5), review("q02", 3, 5), review("q03", 1, 9)
    recorded = encode(late).replace(b"}\n", b',"reps":1,"ef":2.36}\n')  # more than the Event
    journal = scan(encode(early) + recorded)
    copy = scan(encode(early) + encode(later) + encode(late))
    assert merge([journal, copy]) == encode(early) + recorded + encode(later)
    assert merge([copy, journal]) == encode(early) + encode(late) + encode(later)


def files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def lines_anywhere(folder: Path) -> set[bytes]:
    return {line for data in files(folder).values() for line in data.splitlines()}


def synced_folder(data_dir: Path) -> tuple[Path, list[bytes]]:
    """Our journal, a Syncthing copy with two events of its own, a Dropbox copy holding
    nothing new, and another device's journal that git merged with markers."""
    reviews = data_dir / "reviews"
    reviews.mkdir(parents=True)
    ours = [encode(review("q01", 5, minutes)) for minutes in range(4)]
    (reviews / "testdev.jsonl").write_bytes(b"".join(ours[:2]))
    (reviews / "testdev.sync-conflict-20260302-101500-ABCDEF7.jsonl").write_bytes(
        ours[0] + ours[2] + ours[3])
    (reviews / "testdev (Jane's conflicted copy 2026-03-02).jsonl").write_bytes(ours[1])
    theirs = [encode(review("q02", 4, 10 + minutes, device="phone")) for minutes in range(3)]
    (reviews / "phone.jsonl").write_bytes(
        theirs[0] + b"<<<<<<< HEAD\n" + theirs[2] + b"=======\n" + theirs[1]
        + b">>>>>>> laptop\n" + b"{garbage\n")
    return reviews, ours + theirs


def test_examine_lists_everything_and_changes_nothing(data_dir: Path) -> None:
    reviews, _ = synced_folder(data_dir)
    (reviews / ".syncthing.phone.jsonl.tmp").write_bytes(b"half")
    before = files(data_dir)
    checkup = examine(data_dir)
    found = checkup.findings()
    assert files(data_dir) == before
    assert found == [
        "reviews/phone.jsonl:2: git's conflict markers (3 lines); the events on both sides "
        "are read, and `dlflash doctor --fix` writes the journal back without the markers, "
        "in time order.",
        "reviews/phone.jsonl:7: unreadable line, skipped (not JSON).",
        "reviews/testdev (Jane's conflicted copy 2026-03-02).jsonl is a conflict copy made "
        "by Dropbox or Nextcloud of testdev.jsonl: all its 1 events are in the journals "
        "too; `dlflash doctor --fix` moves it to recovered/.",
        "reviews/testdev.sync-conflict-20260302-101500-ABCDEF7.jsonl is a conflict copy "
        "made by Syncthing of testdev.jsonl: 2 of its 3 events are in no other journal; "
        "`dlflash doctor --fix` folds them into testdev.jsonl.",
        "reviews/.syncthing.phone.jsonl.tmp: a temporary file of Syncthing; dlflash does "
        "not read it. If Syncthing is not busy with this folder, it can be removed.",
    ]
    assert list(checkup.foldable()) == ["phone.jsonl", "testdev.jsonl"]


def test_fold_backs_up_merges_by_id_moves_the_copies_and_deletes_nothing(
        data_dir: Path) -> None:
    reviews, events = synced_folder(data_dir)
    before = files(data_dir)
    everything = lines_anywhere(data_dir)
    expected = Store(data_dir, "testdev").read()[0]
    folded = fold(examine(data_dir), NOW)
    assert folded.left == [] and folded.aside is not None
    aside = folded.aside.relative_to(data_dir).as_posix()
    assert aside == "recovered/doctor-20260302T010000000000Z"
    after = files(data_dir)
    assert after[f"{aside}/before/testdev.jsonl"] == before["reviews/testdev.jsonl"]
    assert after[f"{aside}/before/phone.jsonl"] == before["reviews/phone.jsonl"]
    for copy in ("testdev.sync-conflict-20260302-101500-ABCDEF7.jsonl",
                 "testdev (Jane's conflicted copy 2026-03-02).jsonl"):
        assert after[f"{aside}/{copy}"] == before[f"reviews/{copy}"]
    assert sorted(path.name for path in reviews.iterdir()) == ["phone.jsonl", "testdev.jsonl"]
    assert after["reviews/testdev.jsonl"] == b"".join(events[:4])
    assert after["reviews/phone.jsonl"] == b"".join(events[4:])  # in time order, no markers
    assert lines_anywhere(data_dir) >= everything
    history, report = Store(data_dir, "testdev").read()
    assert report.warnings == [] and history.states == expected.states
    assert folded.done == [
        f"reviews/phone.jsonl: git's conflict markers taken out and 1 unreadable line(s) "
        f"left out (they are in the backup); it was backed up to {aside}/before/phone.jsonl.",
        f"reviews/testdev.jsonl: 2 event(s) from testdev (Jane's conflicted copy "
        f"2026-03-02).jsonl, testdev.sync-conflict-20260302-101500-ABCDEF7.jsonl folded in, "
        f"the copies moved to {aside}; it was backed up to {aside}/before/testdev.jsonl.",
    ]
    assert examine(data_dir).findings() == []


def test_a_journal_out_of_time_order_is_put_in_order(data_dir: Path) -> None:
    reviews = data_dir / "reviews"
    reviews.mkdir(parents=True)
    first, second, third = (encode(review("q01", 5, minutes)) for minutes in range(3))
    (reviews / "laptop.jsonl").write_bytes(first + third + second)  # git's union merge
    assert examine(data_dir).findings() == [
        "reviews/laptop.jsonl:3: an event earlier than the one above it (a git merge, or a "
        "clock set back), so the grades are replayed out of time order; `dlflash doctor "
        "--fix` puts the journal in time order."]
    assert fold(examine(data_dir), NOW).done == [
        "reviews/laptop.jsonl: its events put in time order; it was backed up to "
        "recovered/doctor-20260302T010000000000Z/before/laptop.jsonl."]
    assert (reviews / "laptop.jsonl").read_bytes() == first + second + third
    assert examine(data_dir).findings() == []


def test_a_copy_whose_journal_is_gone_becomes_the_journal(data_dir: Path) -> None:
    reviews = data_dir / "reviews"
    reviews.mkdir(parents=True)
    events = encode(review("q01", 5)) + encode(review("q02", 4, 1))
    (reviews / "phone 2.jsonl").write_bytes(events)
    folded = fold(examine(data_dir), NOW)
    assert (reviews / "phone.jsonl").read_bytes() == events
    assert folded.aside and (folded.aside / "phone 2.jsonl").read_bytes() == events


def test_fold_leaves_a_journal_it_cannot_fold_safely(data_dir: Path) -> None:
    reviews = data_dir / "reviews"
    reviews.mkdir(parents=True)
    torn = encode(review("q01", 5)) + b'{"v":1,"id":"cut'
    (reviews / "laptop.jsonl").write_bytes(torn)
    (reviews / "laptop 2.jsonl").write_bytes(encode(review("q02", 4)))
    (reviews / "phone.jsonl").write_bytes(encode(review("q03", 3)) + b'{"v":7,"id":"n"}\n')
    (reviews / "phone (conflicted copy 2026-03-02 101500).jsonl").write_bytes(b"")
    (reviews / "tablet.jsonl").write_bytes(encode(review("q04", 2)))
    (reviews / "tablet 2.jsonl").write_bytes(encode(review("q05", 1)))
    checkup = examine(data_dir)
    (reviews / "tablet.jsonl").write_bytes(encode(review("q04", 2)) * 2)  # a sync, meanwhile
    before = files(data_dir)
    folded = fold(checkup, NOW)
    assert files(data_dir) == before and folded.done == [] and folded.aside is None
    assert folded.left == [
        "reviews/laptop.jsonl was left as it is: its last line is incomplete (a crash, or "
        "still syncing); let the sync finish or start dlflash once, then run `dlflash doctor "
        "--fix` again.",
        "reviews/phone.jsonl was left as it is: reviews/phone.jsonl has lines written by a "
        "newer dlflash; upgrade dlflash first.",
        "reviews/tablet.jsonl changed while doctor read it (a sync?); it was left as it is: "
        "run `dlflash doctor --fix` again.",
    ]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_lists_then_fixes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "doctor") == (0, f"{data_dir} does not exist yet: nothing to check.\n", "")
    synced_folder(data_dir)
    before = files(data_dir)
    code, out, _ = run(capsys, "doctor")
    assert code == 1 and files(data_dir) == before
    assert out.startswith(f"{data_dir}: 2 journals, 2 copies, 7 different events.\n")
    assert out.endswith("`dlflash doctor --fix` mends what it says it would above (each "
                        "journal it rewrites is backed up first; nothing is deleted).\n")
    code, out, _ = run(capsys, "doctor", "--fix")
    assert code == 0, out
    assert "Nothing was deleted: the journals as they were and the copies are in " in out
    assert out.endswith(f"{data_dir}: 2 journals, 0 copies, 7 different events.\nNothing to fix.\n")


def test_fixing_waits_for_dlflash_to_close(data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    synced_folder(data_dir)
    before = {name: hashlib.sha256(data).digest() for name, data in files(data_dir).items()}
    store = Store(data_dir, "testdev")
    store.lock()
    try:
        code, _, err = run(capsys, "doctor", "--fix")
    finally:
        store.close()
    assert code == 3 and "close it first" in err
    after = {name: hashlib.sha256(data).digest() for name, data in files(data_dir).items()}
    assert {name: after[name] for name in before} == before
