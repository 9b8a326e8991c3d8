"""Settings: `settings.yaml` in the data directory, validated once at start-up."""

from __future__ import annotations

import locale
import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from dlflash.base.atomic import write_atomic
from dlflash.base.errors import DlflashError
from dlflash.base.language import LANGUAGES, Language

SETTINGS_FILE = "settings.yaml"


class ConfigError(DlflashError):
    """A setting is wrong; the message names the file, the key and what is allowed."""


def default_language(environ: dict[str, str] | None = None) -> Language:
    """Korean when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    if environ is None:
        code = locale.getlocale()[0] or ""
        if code.lower().startswith("ko"):
            return "ko"
    return "en"


@dataclass(frozen=True, slots=True)
class Settings:
    new_per_day: int = 10
    max_reviews_per_day: int = 200
    rollover_hour: int = 4
    language: Language = "en"
    theme: str = "textual-dark"
    interview_minutes: float = 2
    """The time for a main question of a mock interview."""
    interview_follow_up_minutes: float = 1
    interview_counts_as_review: bool = False
    """Whether an interview's own grade of a card not yet reviewed that study day is also
    recorded as that day's review (and schedules the card)."""
    new_order: str = "interleave"
    """New cards in `deck` order (a main question's follow-ups right after it) or
    `interleave`d: one card of each topic in turn, so a first day meets several topics."""
    own_decks: str = "last"
    """Where the new cards of the user's own decks come: `first`, `last` or `mixed` in."""


_INT_RANGES: dict[str, tuple[int, int]] = {
    "new_per_day": (0, 9999),
    "max_reviews_per_day": (1, 99999),
    "rollover_hour": (0, 23),
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "new_order": ("deck", "interleave"),
    "own_decks": ("first", "last", "mixed"),
}
MINUTES = (0.25, 60)
"""The range of the interview's time limits, in minutes."""
INTERVIEW_QUESTIONS = 3
"""Main questions in an interview unless `-n` says otherwise."""


def _check(key: str, value: Any, where: str) -> Any:
    if key in _INT_RANGES:
        low, high = _INT_RANGES[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(
                f"{where}: {key} must be a whole number from {low} to {high}, got {value!r}."
            )
        return value
    if key.endswith("_minutes"):
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not MINUTES[0] <= value <= MINUTES[1]:
            raise ConfigError(
                f"{where}: {key} must be a number of minutes from {MINUTES[0]} to {MINUTES[1]}, "
                f"got {value!r}.")
        return value
    if key == "interview_counts_as_review":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {key} must be true or false, got {value!r}.")
        return value
    if key in _CHOICES:
        if value not in _CHOICES[key]:
            raise ConfigError(f"{where}: {key} must be one of {', '.join(_CHOICES[key])}; "
                              f"got {value!r}.")
        return value
    if key == "language":
        if value not in LANGUAGES:
            raise ConfigError(f"{where}: language must be one of ko, en; got {value!r}.")
        return value
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: theme must be the name of a theme, got {value!r}.")
    return value.strip()


def load_settings(data_dir: Path, environ: dict[str, str] | None = None) -> Settings:
    """Read `settings.yaml`; a missing file means the defaults, a wrong value is an error."""
    path = data_dir / SETTINGS_FILE
    defaults = Settings(language=default_language(environ))
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return defaults  # an impossible data directory is reported by the store
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the settings file ({error}).") from None
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: the settings file is not valid YAML.") from None
    if raw is None:
        return defaults
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the settings file must be a mapping of key: value lines.")
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown setting {key!r}; known settings are {', '.join(sorted(known))}."
            )
        values[key] = _check(key, value, str(path))
    return replace(defaults, **values)


_KEY_LINE = r"^(?P<head>{key}[ \t]*:[ \t]*)(?P<value>[^#\n]*?)(?P<tail>[ \t]*(?:#.*)?)$"


def _scalar(value: Any) -> str:
    """One YAML scalar on one line, as safe_dump writes it ("ko", 10, 'a: b')."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                          width=1000).removesuffix("\n...\n").strip()


def save_setting(data_dir: Path, key: str, value: Any) -> None:
    """Change one setting in `settings.yaml` by editing its line alone: every comment,
    blank line and the order of the rest stay as the user wrote them. A key that is not
    there yet is added at the end."""
    path = data_dir / SETTINGS_FILE
    _check(key, value, str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the settings file ({error}).") from None
    try:
        current = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        raise ConfigError(f"{path}: the settings file is not valid YAML; "
                          f"{key} was not saved.") from None
    if not isinstance(current, dict):
        raise ConfigError(f"{path}: the settings file must be a mapping of key: value lines.")
    pattern = re.compile(_KEY_LINE.format(key=re.escape(key)), re.MULTILINE)
    edited, count = pattern.subn(
        lambda match: f"{match['head']}{_scalar(value)}{match['tail']}", text)
    if not count:
        edited = text + ("" if not text or text.endswith("\n") else "\n")
        edited += f"{key}: {_scalar(value)}\n"
    try:
        after = yaml.safe_load(edited)
    except yaml.YAMLError:
        after = None
    if after != {**current, key: value}:  # a value spread over lines, a flow mapping...
        raise ConfigError(f"{path}: could not change {key} without rewriting the file; "
                          f"set it by hand: {key}: {_scalar(value)}")
    write_atomic(path, edited.encode("utf-8"))
