"""The two languages of the app and its decks, and the text normalisation every layer uses."""

from __future__ import annotations

import unicodedata
from typing import Literal

Language = Literal["ko", "en"]
LANGUAGES: tuple[Language, ...] = ("ko", "en")


def localized(pair: tuple[str, str], language: Language) -> str:
    """The Korean or English one of a (ko, en) pair of the app's own words."""
    return pair[0] if language == "ko" else pair[1]


def nfc(text: str) -> str:
    """NFC-normalise: NFD Hangul pasted from macOS looks the same but compares unequal."""
    return unicodedata.normalize("NFC", text)
