"""Korean keywords as stems: particles and endings off, irregular stems in both shapes.

A keyword matches at the start of a word, so the stem "계산" meets "계산이", "계산도" and
"계산을". A keyword written with its particle ("계산이") or its dictionary ending
("빠르다") is cut back to the stem here, and a stem whose conjugation changes its shape
gets the other shape too: 르-irregular "빠르" also as "빨라"/"빨러" (빨라짐), ㅂ-irregular
"쉽" also as "쉬우"/"쉬워" (쉬워짐).
"""

from __future__ import annotations

_PARTICLES = ("으로", "에서", "에게", "까지", "부터", "보다", "처럼", "이라", "이나", "이랑",
              "을", "를", "이", "가", "은", "는", "의", "도", "에", "로", "와", "과")
# Not "만" (only): a keyword matches at a word's start, so "평점" meets "평점만" anyway, and a
# trap's "평점만" (ratings only) must not fold to "평점", which every answer about ratings has.
_ENDINGS = ("합니다", "됩니다", "해진다", "해지다", "한다", "된다", "하다", "되다", "진다",
            "지다", "해요", "하는", "되는", "했다", "였다", "이다", "다")
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL, _BIEUP = 8, 17  # final consonant indexes of ㄹ and ㅂ


def _is_hangul(char: str) -> bool:
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def _syllable(lead: int, vowel: int, final: int = 0) -> str:
    return chr(_HANGUL_FIRST + (lead * 21 + vowel) * 28 + final)


def _parts(char: str) -> tuple[int, int, int]:
    index = ord(char) - _HANGUL_FIRST
    return index // 588, (index % 588) // 28, index % 28


def _strip(word: str) -> tuple[str, bool]:
    """The stem, and whether a verb ending came off."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 1:
            return word[: -len(ending)], True
    for particle in _PARTICLES:
        # Two syllables at least must stay: "차이" is a word, not "차" plus a particle.
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)], False
    return word, False


def _irregular(stem: str, verb: bool) -> tuple[str, ...]:
    """The other shapes a conjugated stem takes, if any."""
    if not stem or not _is_hangul(stem[-1]):
        return ()
    lead, vowel, final = _parts(stem[-1])
    if len(stem) >= 2 and _is_hangul(stem[-2]) and (lead, vowel, final) == (5, 18, 0):
        before_lead, before_vowel, before_final = _parts(stem[-2])  # ..르: 빠르 -> 빨라
        if before_final == 0:
            with_rieul = stem[:-2] + _syllable(before_lead, before_vowel, _RIEUL)
            return (with_rieul + "라", with_rieul + "러")
    if verb and final == _BIEUP:  # ..ㅂ다: 쉽다 -> 쉬우, 쉬워
        opened = stem[:-1] + _syllable(lead, vowel)
        return (opened + "우", opened + "워")
    return ()


def keyword_forms(keyword: str) -> tuple[str, ...]:
    """The keyword with its last Korean word cut to a stem, and any irregular shapes."""
    words = keyword.split(" ")
    last = words[-1]
    if not last or not all(_is_hangul(char) for char in last):
        return (keyword,)
    stem, verb = _strip(last)
    head = " ".join([*words[:-1], ""])
    return (head + stem, *(head + shape for shape in _irregular(stem, verb)))
