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


def counted(n: int, forms: tuple[str, str, str], language: Language) -> str:
    """`n` with its noun, `forms` being (Korean, English singular, English plural) templates
    of `{n}`: `1 day`, `3 days`; Korean has no plural, and counts with a counter: `3일`."""
    ko, one, many = forms
    return (ko if language == "ko" else one if n == 1 else many).format(n=n)


def duration(seconds: int, language: Language) -> str:
    """`1h 05m`, `12m 30s`, `45s` (Korean: `1시간 5분`, ...)."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if language == "ko":
        if hours:
            return f"{hours}시간 {minutes}분"
        return f"{minutes}분 {secs}초" if minutes else f"{secs}초"
    if hours:
        return f"{hours}h {minutes:02}m"
    return f"{minutes}m {secs:02}s" if minutes else f"{secs}s"
