"""`dlflash [review|due|validate|stats|judge|interview|...]`: parsed before anything heavy is
imported.

Only `review` (the default), `browse`, `interview` and `stats` without `--json`/`--text` import
Textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dlflash import __version__
from dlflash.base.errors import DlflashError
from dlflash.base.language import Language, counted, localized

if TYPE_CHECKING:
    from dlflash.deck.loader import DeckSource
    from dlflash.journal.backup import SetAside
    from dlflash.tui.app import DlflashApp


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    # Subparsers repeat the options with SUPPRESS defaults, so that they work before or
    # after the command without the subcommand's default overwriting the main one.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where progress is kept (default: $DLFLASH_HOME, else the user data folder)",
    )
    parser.add_argument(
        "--deck",
        metavar="PATH",
        action="append",
        default=default if suppress else [],
        help="add a deck file or folder of your own (repeatable)",
    )


def _topic(parser: argparse.ArgumentParser, suppress: bool) -> None:
    parser.add_argument(
        "--topic", action="append", default=argparse.SUPPRESS if suppress else [],
        metavar="TOPIC",
        help="study only these topics today: a main question's id (q08), a tag, or a word "
             "of a topic's name; repeatable, or comma-separated")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlflash",
        description="Flashcards for deep-learning interviews, scheduled with SM-2.",
        epilog="Without a command, dlflash opens today's review.",
    )
    parser.add_argument("--version", action="version", version=f"dlflash {__version__}")
    _common(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _topic(parser, suppress=False)
    review = commands.add_parser("review", help="open today's review (the default)")
    _common(review, suppress=True)
    _topic(review, suppress=True)
    browse = commands.add_parser("browse", help="open the card browser: every card, "
                                 "filtered and sorted, with each card's info and history")
    _common(browse, suppress=True)

    due = commands.add_parser("due", help="print today's counts: due, new, repeats, next due")
    _common(due, suppress=True)
    due.add_argument("--json", action="store_true", help="print JSON for scripts")

    validate = commands.add_parser(
        "validate", help="check deck files; print every problem as file:line: message"
    )
    _common(validate, suppress=True)
    validate.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="deck files or folders (default: the bundled deck and your decks)",
    )
    stats = commands.add_parser(
        "stats", help="open the stats screen, or print the stats (--json, --text)"
    )
    _common(stats, suppress=True)
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON for scripts")
    output.add_argument("--text", action="store_true", help="print a plain summary")
    stats.add_argument("--days", type=int, choices=(30, 90, 365), default=30,
                       help="the range of the forecast and of the per-day figures")
    unsuspend = commands.add_parser(
        "unsuspend", help="list the suspended cards, or bring some back into the reviews"
    )
    _common(unsuspend, suppress=True)
    unsuspend.add_argument("ids", nargs="*", metavar="CARD", help="card ids, e.g. q04.2")

    from dlflash.commands import parsers

    for add in (parsers.judge, parsers.export, parsers.import_, parsers.interview,
                parsers.doctor, parsers.serve):
        add(commands, _common)

    restore = commands.add_parser(
        "restore", help="list the journal backups, or restore one (dlflash must be closed)"
    )
    _common(restore, suppress=True)
    restore.add_argument("name", nargs="?", metavar="BACKUP",
                         help="the backup to restore, e.g. 2026-03-02 or 2026-W10")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        command = args.command or "review"
        if command == "validate":
            return _validate(args)
        if command == "due":
            return _due(args)
        if command == "restore":
            return _restore(args)
        if command == "unsuspend":
            return _unsuspend(args)
        if command == "stats":
            return _stats(args)
        if command == "judge":
            from dlflash.commands import judge

            return judge.run(args)
        if command == "interview":
            from dlflash.commands import interview

            return interview.run(args)
        if command == "export":
            from dlflash.commands import export

            return export.run(args)
        if command == "serve":
            from dlflash.commands import serve

            return serve.run(args)
        if command == "doctor":
            from dlflash.commands import doctor

            return doctor.run(args)
        if command == "import":
            from dlflash.commands import import_

            return import_.run(args)
        return _review(args)
    except DlflashError as error:
        print(f"dlflash: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130


def _validate(args: argparse.Namespace) -> int:
    from dlflash.deck.loader import DeckSource, load_decks
    from dlflash.workspace import data_dir, deck_sources

    loaded = deck_sources(data_dir(args.data_dir), args.deck)
    sources, checked = loaded, {card_source.path for card_source in loaded}
    if args.paths:
        # Checked with the decks it will be loaded with: an id the bundled deck has too
        # would keep dlflash from starting. A path within one of those is checked there.
        given = [DeckSource(Path(path)) for path in args.paths]
        sources = _with(given, loaded)
        checked = {source.path for source in given}
    deck, problems = load_decks(sources)
    for problem in problems:
        print(problem)
    if problems:
        count = len(problems)
        print(f"{count} problem{'s' * (count != 1)} found.", file=sys.stderr)
        return 1
    from dlflash.judge.deck_check import keyword_warnings

    mine = [card for card in deck.cards
            if any(_within(Path(card.source), path) for path in checked)]
    for card in mine:
        for warning in keyword_warnings(card):
            print(f"{card.source}:{card.line}: warning: {warning}")
    files = len({card.source for card in mine})
    others = len(deck) - len(mine)
    print(f"OK: {len(mine)} card{'s' * (len(mine) != 1)} in {files} file{'s' * (files != 1)}"
          + (f", no id also among the {others} other cards dlflash loads." if others else "."))
    return 0


def _within(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _with(given: list[DeckSource], loaded: list[DeckSource]) -> list[DeckSource]:
    """The decks `given` to check and those dlflash loads, each file once: a loaded deck
    that holds a given path is kept in its place (the bundled deck with its stricter rules),
    one that a given folder holds goes."""
    kept = [source for source in loaded if not any(
        _within(source.path, other.path) and not _within(other.path, source.path)
        for other in given)]
    return kept + [source for source in given
                   if not any(_within(source.path, other.path) for other in kept)]


def _due(args: argparse.Namespace) -> int:
    from dlflash.base.clock import system_clock
    from dlflash.base.config import load_settings
    from dlflash.journal.store import Store
    from dlflash.study.session import Session
    from dlflash.workspace import data_dir, device_name, open_deck

    data = data_dir(args.data_dir)
    settings = load_settings(data)
    deck = open_deck(data, args.deck)
    store = Store(data, device_name())
    history, report = store.read()
    for warning in report.warnings:
        print(f"dlflash: warning: {warning}", file=sys.stderr)
    session = Session(deck, history, None, settings, system_clock)
    if not history.covers(session.today):  # the clock went back before the snapshot
        session.history = store.read(full=True)[0]
    counts = session.counts()
    next_due = session.next_due()
    if args.json:
        print(json.dumps({
            "day": session.today.isoformat(),
            "due": counts.due,
            "new": counts.new,
            "repeat": counts.repeat,
            "left": counts.left,
            "done": counts.done,
            "next_due": next_due.isoformat() if next_due else None,
        }))
    else:
        language = settings.language
        upcoming = _say("due.next", language, day=next_due.isoformat()) if next_due else ""
        print(_say("due.line", language, left=counts.left, due=counts.due, new=counts.new,
                   repeats=counted(counts.repeat, ("{n}", "{n} repeat", "{n} repeats"),
                                   language), done=counts.done, next=upcoming))
    return 0


_WORDS: dict[str, tuple[str, str]] = {
    # (ko, en): what `due` and `unsuspend` say, in the language of the settings
    "due.line": ("오늘 남은 카드 {left}장 (복습 {due}, 신규 {new}, 재학습 {repeats}), "
                 "완료 {done}{next}",
                 "{left} left today ({due} due, {new} new, {repeats}), {done} done{next}"),
    "due.next": (", 다음 복습일 {day}", ", next due {day}"),
    "unsuspend.gone": ("(덱에 없음)", "(not in the deck)"),
    "unsuspend.how": ("복귀: dlflash unsuspend 카드ID [카드ID ...]",
                      "Bring cards back with: dlflash unsuspend CARD [CARD ...]"),
    "unsuspend.unknown": ("그런 카드가 없습니다: {ids}. 아무것도 바꾸지 않았습니다.",
                          "No such card: {ids}; nothing was changed."),
    "unsuspend.not": ("보류되지 않은 카드: {ids}. 아무것도 바꾸지 않았습니다. 보류된 카드는 "
                      "`dlflash unsuspend`로 봅니다.",
                      "Not suspended: {ids}; nothing was changed. `dlflash unsuspend` lists "
                      "the suspended cards."),
    "unsuspend.done": ("다시 복습에 넣었습니다: {ids}.", "Back in the reviews: {ids}."),
}


def _say(key: str, language: Language, **values: object) -> str:
    return localized(_WORDS[key], language).format(**values)


def _unsuspend(args: argparse.Namespace) -> int:
    from dlflash.base.clock import system_clock
    from dlflash.base.config import load_settings
    from dlflash.journal.store import Store
    from dlflash.study.session import Session
    from dlflash.workspace import data_dir, device_name, open_deck

    data = data_dir(args.data_dir)
    settings = load_settings(data)
    deck = open_deck(data, args.deck)
    device = device_name()
    store = Store(data, device)
    history, _ = store.open()
    try:
        language = settings.language
        suspended = sorted(history.suspended_cards(), key=lambda card: (card not in deck, card))
        if not args.ids:
            for card_id in suspended:
                card = deck.get(card_id)
                question = (card.question.get(language) if card
                            else _say("unsuspend.gone", language))
                print(f"{card_id:<10} {question}")
            print(counted(len(suspended), ("보류된 카드 {n}장.", "{n} suspended card.",
                                           "{n} suspended cards."), language))
            if suspended:
                print(_say("unsuspend.how", language))
            return 0
        unknown = [card_id for card_id in args.ids
                   if card_id not in deck and card_id not in suspended]
        if unknown:
            raise DlflashError(_say("unsuspend.unknown", language, ids=", ".join(unknown)))
        active = [card_id for card_id in args.ids if card_id not in suspended]
        if active:
            raise DlflashError(_say("unsuspend.not", language, ids=", ".join(active)))
        session = Session(deck, history, store, settings, system_clock, device)
        for card_id in args.ids:
            session.unsuspend(card_id)
        print(_say("unsuspend.done", language, ids=", ".join(args.ids)))
        return 0
    finally:
        store.close(history)


def _restore(args: argparse.Namespace) -> int:
    from dlflash.journal.backup import find_backup, list_backups, restore_backup, set_aside_by
    from dlflash.journal.store import Store
    from dlflash.workspace import data_dir, device_name

    data = data_dir(args.data_dir)
    if not args.name:
        backups = list_backups(data)
        if not backups:
            print(f"No backups yet in {data / 'backups'}; dlflash makes one a day.")
            return 0
        for backup in backups:
            size = backup.path.stat().st_size
            print(f"{backup.name:<12} {backup.kind:<7} {size / 1024:8.1f} KB  {backup.path}")
            lost = set_aside_by(data, backup)
            if lost.reviews or lost.others:
                print(f"{'':<12} restoring it sets aside {_events(lost)}")
        print("Restore one with: dlflash restore NAME (what it sets aside is moved, not "
              "deleted)")
        return 0
    backup = find_backup(data, args.name)
    store = Store(data, device_name())
    store.lock()
    try:
        lost = set_aside_by(data, backup)
        aside = restore_backup(data, backup)
    finally:
        store.close()
    print(f"Restored the journals from backup {backup.name}.")
    if lost.reviews or lost.others:
        print(f"Not in the backup, so no longer counted: {_events(lost)}.")
    print(f"The journals you had were moved to {aside}; nothing was deleted.")
    return 0


def _events(lost: SetAside) -> str:
    """`17 reviews and 2 other events (study days 2026-03-02 to 2026-03-03)`"""
    days = (f" (study days {lost.days[0]} to {lost.days[-1]})" if len(lost.days) > 1
            else f" (study day {lost.days[0]})" if lost.days else "")
    return (f"{lost.reviews} review{'s' * (lost.reviews != 1)} and {lost.others} other "
            f"event{'s' * (lost.others != 1)}{days}")


def _stats(args: argparse.Namespace) -> int:
    if not (args.json or args.text):
        from dlflash.tui.launch import run_review

        return run_review(args, mode="stats")
    import gc

    # A command that prints and exits, allocating ~10^5 objects (10,000 cards, a report
    # per main question) and freeing them only at exit: the collector's passes over them
    # find no garbage and cost ~250 ms at 1,000,000 reviews (issue 19).
    gc.disable()
    from dlflash.base.clock import study_day, system_clock
    from dlflash.base.config import load_settings
    from dlflash.journal.store import Store
    from dlflash.stats import StatsInput, build_report, to_json
    from dlflash.stats.text import text_report
    from dlflash.workspace import data_dir, device_name, open_deck

    data = data_dir(args.data_dir)
    settings = load_settings(data)
    deck = open_deck(data, args.deck)
    history, report = Store(data, device_name()).read()
    for warning in report.warnings:
        print(f"dlflash: warning: {warning}", file=sys.stderr)
    today = study_day(system_clock(), settings.rollover_hour)
    stats = build_report(StatsInput.capture(history, deck, today), args.days)
    if args.json:
        print(json.dumps(to_json(stats), ensure_ascii=False))
    else:
        print(text_report(stats, settings.language), end="")
    return 0


def _review(args: argparse.Namespace) -> int:
    from dlflash.tui.launch import run_review

    if args.command == "browse":
        return run_review(args, mode="browse")
    terms = [term.strip() for value in args.topic for term in value.split(",") if term.strip()]
    if not terms:
        return run_review(args)

    def focus(app: DlflashApp) -> None:
        from dlflash.study.custom import scope_of

        app.session.study(scope=scope_of(app.session.deck, terms))

    return run_review(args, setup=focus)
