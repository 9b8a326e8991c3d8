"""Where things are: the data directory, this device's name, and the decks to load."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path

from dlflash.base.atomic import make_dir, write_atomic
from dlflash.base.errors import DlflashError
from dlflash.deck.cache import DeckCache
from dlflash.deck.loader import DeckError, DeckSource, bundled_deck_dir, load_deck
from dlflash.deck.model import Deck
from dlflash.journal.store import check_device, default_device_name

USER_DECKS = "decks"


def data_dir(option: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """`--data-dir`, else `DLFLASH_HOME`, else the platform's user data directory."""
    chosen = option or environ.get("DLFLASH_HOME")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs  # only needed when nothing was given

    return Path(platformdirs.user_data_dir("dlflash", appauthor=False))


def device_name(environ: Mapping[str, str] = os.environ) -> str:
    """This machine's journal name: `DLFLASH_DEVICE`, else a name kept outside the data
    directory (which may be synced to other machines), made once from the host name."""
    if environ.get("DLFLASH_DEVICE"):
        return check_device(environ["DLFLASH_DEVICE"])
    try:
        import platformdirs

        path = Path(platformdirs.user_config_dir("dlflash", appauthor=False)) / "device"
        with contextlib.suppress(FileNotFoundError):
            name = path.read_text(encoding="utf-8").strip()
            if name:
                return check_device(name)
        # A random suffix keeps two laptops that share a host name apart.
        name = f"{default_device_name()}-{secrets.token_hex(2)}"
        make_dir(path.parent)
        write_atomic(path, f"{name}\n".encode())  # 0600, like everything of the user's
        return name
    except (OSError, RuntimeError, KeyError, DlflashError):
        return default_device_name()


def deck_sources(data: Path, extra: Sequence[str] = ()) -> list[DeckSource]:
    """The bundled deck (both languages required), the data directory's `decks/` folder,
    and each `--deck PATH`."""
    sources = [DeckSource(bundled_deck_dir(), bundled=True)]
    user = data / USER_DECKS
    if user.is_dir():
        sources.append(DeckSource(user))
    sources.extend(DeckSource(Path(path).expanduser()) for path in extra)
    return sources


class DeckLoadError(DlflashError):
    """The decks do not load; the message lists the problems as `file:line: message`."""


def deck_cache() -> DeckCache | None:
    """The parsed-deck cache in the user cache folder, or None when there is no such folder."""
    try:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("dlflash", appauthor=False))
    except (OSError, RuntimeError, KeyError):
        return None
    return DeckCache(folder / "decks.marshal")


def open_deck(data: Path, extra: Sequence[str] = ()) -> Deck:
    try:
        return load_deck(deck_sources(data, extra), deck_cache())
    except DeckError as error:
        lines = [str(problem) for problem in error.problems[:20]]
        more = len(error.problems) - len(lines)
        if more:
            lines.append(f"... and {more} more")
        raise DeckLoadError(
            "The deck has problems; fix them (dlflash validate lists them all):\n  "
            + "\n  ".join(lines)
        ) from None
