"""Estimates compared as ranges: "60-100 lines" meets a keyword "50-100 lines", "한 시간"
meets "1-2 hours", "a few hundred lines" meets "200-400 lines".

A keyword that is a number or a range followed by a unit is a quantity keyword; it matches
an answer that states a quantity of the same unit whose range overlaps it. A single number
stands for itself, or for a quarter either side with "about", "~", "약" before it or
"정도", "쯤", "or so" after it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNITS: dict[str, tuple[str, ...]] = {
    "lines": ("lines", "line", "loc", "줄", "라인", "행"),
    "hours": ("hours", "hour", "hrs", "hr", "h", "시간"),
    "minutes": ("minutes", "minute", "mins", "min", "분"),
    "days": ("days", "day", "일"),
    "gb": ("gb", "gib", "기가"),
    "mb": ("mb", "mib", "메가"),
    "bytes": ("bytes", "byte", "바이트"),
}
_UNIT_OF = {form: unit for unit, forms in UNITS.items() for form in forms}

_WORDS: dict[str, tuple[float, float]] = {
    "one": (1, 1), "a": (1, 1), "an": (1, 1), "two": (2, 2), "three": (3, 3),
    "four": (4, 4), "five": (5, 5), "six": (6, 6), "seven": (7, 7), "eight": (8, 8),
    "nine": (9, 9), "ten": (10, 10), "twenty": (20, 20), "thirty": (30, 30),
    "fifty": (50, 50), "hundred": (100, 100), "a hundred": (100, 100),
    "a couple": (2, 3), "a couple of": (2, 3), "couple of": (2, 3), "few": (2, 5),
    "a few": (2, 5), "several": (3, 7), "dozens of": (24, 99), "a dozen": (12, 12),
    "a few hundred": (200, 500), "hundreds of": (200, 900), "a few dozen": (24, 60),
    "half an": (0.5, 0.5), "half a": (0.5, 0.5),
    "한": (1, 1), "두": (2, 2), "세": (3, 3), "네": (4, 4), "다섯": (5, 5), "열": (10, 10),
    "한두": (1, 2), "두세": (2, 3), "서너": (3, 4), "몇": (2, 9), "몇십": (10, 90),
    "수십": (20, 90), "몇백": (100, 900), "수백": (200, 900), "백": (100, 100),
    "반나절": (4, 5), "하루": (24, 24), "이틀": (48, 48),
}
_SCALE = {"k": 1e3, "천": 1e3, "만": 1e4, "m": 1e6, "million": 1e6, "억": 1e8,
          "b": 1e9, "billion": 1e9, "백": 100}
_ABOUT = r"(?:about|around|roughly|approx(?:imately)?|~|약|대략|한)?\s*"
_NUMBER = r"\d+(?:\.\d+)?"
_WORD = "|".join(sorted((re.escape(word) for word in _WORDS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(form) for form in _UNIT_OF), key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?<![\w.])(?P<about>{_ABOUT})"
    rf"(?:(?P<low>{_NUMBER})(?:\s*(?:-|~|to|or|에서|내지)\s*(?P<high>{_NUMBER}))?"
    rf"\s*(?P<scale>k|m|b|천|만|억|백|million|billion)?\+?"
    rf"|(?P<word>{_WORD}))"
    rf"\s*(?P<unit>{_UNIT})(?![a-z])"
    rf"(?P<after>\s*(?:정도|쯤|가량|내외|남짓|or so|ish|give or take|roughly))?"
)


class Quantity(NamedTuple):
    unit: str
    low: float
    high: float

    def overlaps(self, other: Quantity) -> bool:
        return self.unit == other.unit and self.low <= other.high and other.low <= self.high


def quantities(folded: str) -> list[Quantity]:
    """Every quantity with a unit in a folded text."""
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(folded):
        unit = _UNIT_OF[match["unit"]]
        if match["word"]:
            low, high = _WORDS[match["word"]]
        else:
            scale = _SCALE.get(match["scale"] or "", 1.0)
            low = float(match["low"]) * scale
            high = float(match["high"]) * scale if match["high"] else low
            if (match["about"].strip() or match["after"]) and not match["high"]:
                low, high = low * 0.75, high * 1.25
        found.append(Quantity(unit, min(low, high), max(low, high)))
    return found


def quantity_keyword(folded: str) -> Quantity | None:
    """The quantity a keyword is, when it is nothing but a number or range and a unit."""
    match = _QUANTITY.fullmatch(folded.strip())
    if match is None:
        return None
    return quantities(folded.strip())[0]
