"""Build a DlflashApp over a fixture deck, a temporary store and a fixed clock."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot

from dlflash.base.config import Settings
from dlflash.deck.loader import DeckSource, load_deck
from dlflash.journal.store import Store
from dlflash.study.session import Session
from dlflash.tui.app import DlflashApp
from dlflash.tui.screens.browse import BrowseScreen

from conftest import FakeClock
from helpers import write_deck


def review_deck(folder: Path) -> Path:
    """Three cards with real-looking text, one a follow-up, one with Rich-markup lookalikes."""
    points = [
        {"ko": "기울기 소실 완화", "en": "Mitigates vanishing gradients",
         "keywords": ["vanishing", "기울기 소실"]},
        {"ko": "계산이 싸다", "en": "Cheap to compute", "keywords": ["cheap", "싸다"]},
        {"ko": "희소한 활성화", "en": "Sparse activations", "keywords": ["sparse", "희소"]},
        {"ko": "죽은 ReLU", "en": "Dying ReLU [bold]units[/]", "keywords": ["dying", "dead"]},
    ]
    cards = [
        {"id": "q01", "question": {"ko": "요즘 Sigmoid 보다 ReLU를 많이 쓰는데 그 이유는?",
                                   "en": "Why is ReLU used more than sigmoid these days?"},
         "answer": {"ko": "**기울기 소실**을 막고 계산이 쌉니다.\n\n- 양수 구간 미분 1",
                    "en": "**It avoids vanishing gradients** and is cheap.\n\n- slope 1"},
         "key_points": points, "tags": ["relu"]},
        {"id": "q01.1", "parent": "q01",
         "question": {"ko": "Non-Linearity라는 말의 의미와 그 필요성은?",
                      "en": "What does non-linearity mean, and why is it needed? [SRS]"},
         "answer": {"ko": "선형 함수의 합성은 선형입니다.", "en": "A stack of linear maps is "
                    "linear [/]."},
         "key_points": points[:3], "tags": ["relu"]},
        {"id": "q02", "question": {"ko": "Gradient Descent에 대해서 쉽게 설명한다면?",
                                   "en": "Explain gradient descent simply."},
         "answer": {"ko": "`w ← w − η·∇L(w)`", "en": "`w ← w − η·∇L(w)`"},
         "key_points": points[:3], "tags": ["gd"]},
    ]
    write_deck(folder, "d.yaml", cards, topic={"ko": "활성화 함수", "en": "Activations"})
    return folder


def make_app(tmp_path: Path, clock: FakeClock, data_dir: Path, language: str = "en",
             **settings: int) -> tuple[DlflashApp, Store]:
    return app_over(review_deck(tmp_path / "deck"), clock, data_dir, language, **settings)


def app_over(deck_dir: Path, clock: FakeClock, data_dir: Path, language: str = "en",
             **settings: int) -> tuple[DlflashApp, Store]:
    """The app over the deck in `deck_dir`, with a store in `data_dir`."""
    deck = load_deck([DeckSource(deck_dir)])
    store = Store(data_dir, "testdev")
    history, _ = store.open()
    session = Session(deck, history, store, Settings(**settings), clock, "testdev")
    app = DlflashApp(session, clock, data_dir, language)  # type: ignore[arg-type]
    return app, store


NAMES = {"/": "slash", " ": "space", ":": "colon", "-": "minus", "!": "exclamation_mark",
         "+": "plus"}


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Each key (a character, or a key name such as ctrl+s) queued at once, then handled: a
    fast typist over ssh, or tmux's send-keys, where `pilot.press` waits after each key."""
    for key in keys:
        if len(key) == 1:
            pilot.app.post_message(events.Key(NAMES.get(key, key), key))
        else:
            pilot.app.post_message(events.Key(key, None))
    for _ in range(20):
        await pilot.pause()


async def open_browser(pilot: Pilot[None]) -> BrowseScreen:
    """From the review screen (outside the answer box) to the browser, rows and index built."""
    await pilot.press("escape", "b")
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    while screen.browser is None or screen.browser.index is None:
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen
