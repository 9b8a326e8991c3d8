"""Two computers, two data folders, one sync tool: in every order of studying and syncing,
with the conflict copies each tool really makes, both folders show the statistics of every
review counted once, and `dlflash doctor --fix` on either one keeps them so.

The conflicts come from the one way a journal can change on two computers at once: both
run with the same `DLFLASH_DEVICE` ("shared" here, beside each one's own journal). Each
tool is modelled as it behaves: it knows each file as it was at the last sync, carries a
change made on one side, and on a change made on both sides
- Syncthing keeps the change it received under the name and the other as
  `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.jsonl`;
- Dropbox and Nextcloud keep the server's and name the other
  `NAME (Computer's conflicted copy YYYY-MM-DD).jsonl` or
  `NAME (conflicted copy YYYY-MM-DD HHMMSS).jsonl`;
- git merges, and the conflict (both sides appended) is committed with its markers; or,
  with `merge=union` for the journals in .gitattributes, both sides are kept without any.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest

import dlflash.base.clock
import dlflash.journal.store as store_module
from dlflash.cli import main
from dlflash.deck.model import Deck
from dlflash.journal.doctor import examine, fold
from dlflash.journal.events import Event, Review, encode, new_id
from dlflash.journal.store import Store
from dlflash.stats import StatsInput, build_report, to_json
from dlflash.workspace import open_deck

from conftest import KST

DAY = datetime(2026, 3, 2, 9, 0, tzinfo=KST)
TODAY = DAY + timedelta(days=3)
"""The clock the statistics are read at."""
OWN = {"A": "laptop", "B": "desk"}
CARDS = {"laptop": ("q01", "q05"), "desk": ("q04", "q06"),
         "shared": {"A": ("q01", "q02", "q03"), "B": ("q02", "q03", "q04")}}
"""On the shared device both computers review q02 and q03 with other grades: which came
first decides the schedule."""
GRADES = {"A": (5, 2, 4), "B": (1, 3, 0)}


class Tool:
    """One sync tool between the folders of computers A and B (their `reviews/`)."""

    def __init__(self, kind: str, folders: dict[str, Path]) -> None:
        self.kind = kind
        self.folders = folders
        self.synced: dict[str, bytes] = {}
        """Each file as it was when both folders last had it the same."""
        self.conflicts = 0

    def sync(self, source: str, target: str) -> None:
        """What the tool does when it carries `source`'s changes to `target`."""
        here, there = (self.folders[side] / "reviews" for side in (source, target))
        there.mkdir(parents=True, exist_ok=True)
        names = {path.name for folder in (here, there) for path in folder.glob("*.jsonl")}
        for name in sorted(names):
            new, old = _bytes(here / name), _bytes(there / name)
            base = self.synced.get(name)
            if new == old:
                pass
            elif new is None:  # gone from the source: deleted there, or new on the target
                if base is not None and old == base:
                    (there / name).unlink()
                continue
            elif old in (None, base):
                (there / name).write_bytes(new)
            elif new == base:
                continue  # changed on the target only: the other direction carries it
            else:
                self._conflict(name, source, target, new, old, base or b"")
            self.synced[name] = _bytes(there / name) or b""

    def _conflict(self, name: str, source: str, target: str, new: bytes, old: bytes,
                  base: bytes) -> None:
        self.conflicts += 1
        stem = name.removesuffix(".jsonl")
        moment = DAY + timedelta(minutes=self.conflicts)
        if self.kind.startswith("git"):
            assert new.startswith(base) and old.startswith(base)
            ours, theirs = old[len(base):], new[len(base):]
            if self.kind == "git-union":  # .gitattributes: reviews/*.jsonl merge=union
                self._everywhere(name, base + ours + theirs)
            else:
                self._everywhere(name, base + b"<<<<<<< HEAD\n" + ours + b"=======\n"
                                 + theirs + f">>>>>>> {source}\n".encode())
            return
        if self.kind == "syncthing":  # the change received wins the name
            keep, other = new, old
            copy = f"{stem}.sync-conflict-{moment:%Y%m%d-%H%M%S}-{target * 7}.jsonl"
        elif self.kind == "dropbox":  # the server's (the target's) wins
            keep, other = old, new
            copy = f"{stem} ({source}'s conflicted copy {moment:%Y-%m-%d}).jsonl"
            taken = sum(1 for _ in (self.folders[target] / "reviews").glob(f"{stem} (*"))
            if taken:  # the day's second: Dropbox numbers it
                copy = copy.replace(").jsonl", f" ({taken})).jsonl")
        else:
            keep, other = old, new
            copy = f"{stem} (conflicted copy {moment:%Y-%m-%d %H%M%S}).jsonl"
        self._everywhere(name, keep)
        self._everywhere(copy, other)

    def _everywhere(self, name: str, data: bytes) -> None:
        for folder in self.folders.values():
            (folder / "reviews" / name).write_bytes(data)
        self.synced[name] = data


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


class Computers:
    """Computers A and B: each studies in its own folder, and every event is kept aside."""

    def __init__(self, root: Path, kind: str) -> None:
        self.folders = {side: root / side for side in "AB"}
        self.tool = Tool(kind, self.folders)
        self.written: list[Event] = []
        self.studied = 0

    def study(self, side: str) -> None:
        """A few grades on this computer's own journal and on the shared device's."""
        self.studied += 1
        start = DAY + timedelta(hours=self.studied)
        for device in (OWN[side], "shared"):
            store = Store(self.folders[side], device)
            history, _ = store.open()
            cards = CARDS[device]
            for number, card in enumerate(cards[side] if isinstance(cards, dict) else cards):
                ts = start + timedelta(minutes=number + 10 * (device == "shared"))
                grade = GRADES[side][(number + self.studied) % 3]
                review = Review(new_id(), card, ts, ts.date(), grade, device=device, ms=1000)
                store.append(review)
                history.apply(review)
                self.written.append(review)
            store.close(history)

    def run(self, step: str) -> None:
        if step in "AB":
            self.study(step)
        else:
            self.tool.sync(*step.split(">"))

    def settle(self) -> None:
        for step in ("A>B", "B>A", "A>B"):
            self.run(step)

    def reference(self, root: Path) -> Path:
        """A folder holding every event written, once, in each device's own journal."""
        folder = root / "reference"
        (folder / "reviews").mkdir(parents=True)
        for device in {event.device for event in self.written}:
            events = sorted((e for e in self.written if e.device == device), key=lambda e: e.ts)
            (folder / "reviews" / f"{device}.jsonl").write_bytes(b"".join(map(encode, events)))
        return folder


def stats(folder: Path, deck: Deck) -> dict[str, Any]:
    """What `dlflash stats --json` prints for `folder` (the same functions, in process)."""
    history, _ = Store(folder, "reader").read()
    report = build_report(StatsInput.capture(history, deck, TODAY.date()), 30)
    return json.loads(json.dumps(to_json(report), ensure_ascii=False))


ORDERS = sorted(permutations(("A", "B", "A>B", "B>A")))
FOUND = {"syncthing": "a conflict copy made by Syncthing",
         "dropbox": "a conflict copy made by Dropbox or Nextcloud",
         "nextcloud": "a conflict copy made by Dropbox or Nextcloud",
         "git": "git's conflict markers", "git-union": "replayed out of time order"}
"""What `dlflash doctor` says of what each tool left."""
KINDS = tuple(FOUND)


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return open_deck(tmp_path_factory.mktemp("decks"))


@pytest.mark.parametrize(("kind", "snapshots"), [
    *((kind, False) for kind in KINDS),
    ("syncthing", True), ("git", True),  # and started from snapshots, as a long history is
])
def test_two_folders_converge_in_every_order(tmp_path: Path, deck: Deck, kind: str,
                                             snapshots: bool,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    if snapshots:
        monkeypatch.setattr(store_module, "SNAPSHOT_MIN_BYTES", 0)
    conflicts = 0
    for number, order in enumerate(ORDERS):
        computers = Computers(tmp_path / str(number), kind)
        for step in (*order, "settle", "A", "B", "settle"):
            computers.settle() if step == "settle" else computers.run(step)
        conflicts += computers.tool.conflicts
        expected = stats(computers.reference(tmp_path / str(number)), deck)
        folders = computers.folders
        assert expected["reviews"]["total"] == len(computers.written)
        # Before any fix, both folders agree, every event of the copies counted once.
        assert stats(folders["A"], deck) == stats(folders["B"], deck), order
        if not kind.startswith("git"):  # the store reads a journal in its file's order,
            # and git's merge put one side's later grades before the other's earlier ones
            assert stats(folders["A"], deck) == expected, order
        # The doctor on one computer, then the sync: both agree with every event once.
        fixed = fold(examine(folders["A"]), TODAY)
        assert not fixed.left
        computers.settle()
        for side in "AB":
            assert stats(folders[side], deck) == expected, (order, side)
            checkup = examine(folders[side])
            assert not checkup.foldable() and not checkup.findings(), (order, side)
    assert conflicts >= len(ORDERS)  # each order made at least one conflict to resolve


@pytest.mark.parametrize("kind", KINDS)
def test_stats_json_agrees_on_both_computers(tmp_path: Path, kind: str,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The same through the command itself: `dlflash stats --json` and `dlflash doctor`."""
    monkeypatch.setattr(dlflash.base.clock, "system_clock", lambda: TODAY)
    computers = Computers(tmp_path, kind)
    for step in ("A", "B", "A>B", "B>A", "A", "B", "A>B", "B>A"):
        computers.run(step)
    assert computers.tool.conflicts

    def printed(folder: Path, *argv: str) -> tuple[int, str]:
        code = main(["--data-dir", str(folder), *argv])
        return code, capsys.readouterr().out

    expected = printed(computers.reference(tmp_path), "stats", "--json")[1]
    a, b = (computers.folders[side] for side in "AB")
    assert printed(a, "stats", "--json")[1] == printed(b, "stats", "--json")[1]
    code, listing = printed(a, "doctor")
    assert code == 1 and FOUND[kind] in listing, listing
    assert printed(a, "doctor", "--fix")[0] == 0
    computers.settle()
    assert printed(a, "stats", "--json")[1] == printed(b, "stats", "--json")[1] == expected
    code, listing = printed(b, "doctor")
    assert code == 0 and listing.endswith("Nothing to fix.\n")
    assert date.fromisoformat(json.loads(expected)["day"]) == TODAY.date()
