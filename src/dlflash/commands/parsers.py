"""Every subcommand's options, apart from the code that runs it: building the parser imports
nothing heavy (the judge, asyncio, the journal doctor), so that `dlflash` and every command
start without loading what another command needs; `cli.main` imports the one that runs."""

from __future__ import annotations

from typing import Any

from dlflash.base.config import INTERVIEW_QUESTIONS

DEFAULT_PORT = 8000
"""`dlflash serve`'s port."""


def judge(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "judge", help="show what the judge makes of a typed answer (for deck authors)")
    common(parser, suppress=True)
    parser.add_argument("card", nargs="?", metavar="CARD", help="a card id, e.g. q02.2")
    parser.add_argument("answer", nargs="?", metavar="ANSWER",
                        help="the typed answer (default: read from standard input)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", metavar="FILE",
                        help='judge JSON lines {"card": ..., "answer": ...}; "-" reads stdin')
    parser.add_argument("--language", choices=("ko", "en"),
                        help="the language of the report (default: your settings)")


def export(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "export", help="write the decks for Anki (--anki), the history (--json) or the "
                       "review log (--csv)")
    common(parser, suppress=True)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--anki", metavar="FILE.apkg",
                      help="the decks as Anki notes (needs pip install 'dlflash[anki]')")
    what.add_argument("--json", metavar="FILE",
                      help="every event of every device as one JSON document (- for "
                           "standard output)")
    what.add_argument("--csv", metavar="FILE",
                      help="the review log, one row per review (- for standard output)")
    parser.add_argument("--language", choices=("ko", "en", "both"),
                        help="with --anki: the language of the notes (default: your settings)")
    parser.add_argument("--topic", action="append", default=[], metavar="TOPIC",
                        help="with --anki: only this main question (q04), topic or tag, with "
                             "its follow-ups (repeatable)")


def import_(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "import", help="make a deck of yours from an Anki export, a CSV, an .apkg or "
                       ".colpkg; or merge a history (--json FILE)")
    common(parser, suppress=True)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("file", nargs="?", metavar="FILE",
                      help="Anki's Notes in Plain Text (.txt), a CSV, an .apkg or .colpkg")
    what.add_argument("--json", metavar="FILE",
                      help="merge a history written by `dlflash export --json`")
    parser.add_argument("--name", help="the deck's file name under decks/ (default: FILE's)")
    parser.add_argument("--language", choices=("ko", "en"),
                        help="the language of the text (default: Korean where it has Hangul)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be written, and write nothing")


def interview(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "interview", help="a mock interview: main questions and their follow-ups, timed")
    common(parser, suppress=True)
    parser.add_argument(
        "--topic", action="append", default=[], metavar="TOPIC",
        help="a main question's id (q04), a tag, or a word of a topic's name; repeatable, "
             "or comma-separated (default: the weakest topics)")
    parser.add_argument("-n", type=int, default=INTERVIEW_QUESTIONS, dest="count", metavar="N",
                        help=f"how many main questions, each with its follow-ups "
                             f"(default {INTERVIEW_QUESTIONS})")
    parser.add_argument(
        "--minutes", metavar="M[,F]",
        help="minutes for every question, or M for a main question and F for a follow-up "
             "(default: settings.yaml, 2 and 1)")
    parser.add_argument("--random", action="store_true",
                        help="pick the main questions at random instead of weakest first")
    parser.add_argument("--seed", type=int, metavar="S",
                        help="the random pick's seed: the same seed asks the same questions")
    parser.add_argument("--report", metavar="FILE.md",
                        help="also write the report as Markdown, to keep or share")


def doctor(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "doctor", help="list conflict copies and other problems in the data folder; "
                       "--fix folds the copies back into their journals")
    common(parser, suppress=True)
    parser.add_argument("--fix", action="store_true",
                        help="fold conflict copies into their journals (a backup first; "
                             "nothing is deleted)")


def serve(commands: Any, common: Any) -> None:
    parser = commands.add_parser(
        "serve", help="run dlflash in a browser (textual-serve; this computer only by default)")
    common(parser, suppress=True)
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default 127.0.0.1: this computer "
                             "only); anyone who reaches another can study as you")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"the port to listen on (default {DEFAULT_PORT})")
