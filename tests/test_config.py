from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dlflash.base.config import ConfigError, Settings, default_language, load_settings, save_setting


def write(data_dir: Path, text: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.yaml").write_text(text, encoding="utf-8")


def test_defaults_without_a_file(data_dir: Path) -> None:
    assert load_settings(data_dir, {"LANG": "en_US.UTF-8"}) == Settings()


def test_language_defaults_from_the_locale() -> None:
    assert default_language({"LANG": "ko_KR.UTF-8"}) == "ko"
    assert default_language({"LC_ALL": "en_GB.UTF-8", "LANG": "ko_KR.UTF-8"}) == "en"
    assert default_language({"LANG": "C"}) == "en"
    assert default_language({}) == "en"


def test_values_are_read(data_dir: Path) -> None:
    write(data_dir, "new_per_day: 5\nrollover_hour: 0\nlanguage: ko\ntheme: nord\n")
    settings = load_settings(data_dir, {})
    assert (settings.new_per_day, settings.rollover_hour, settings.language, settings.theme) \
        == (5, 0, "ko", "nord")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("new_per_day: -1\n", "new_per_day must be a whole number from 0 to 9999, got -1"),
        ("new_per_day: ten\n", "new_per_day must be a whole number"),
        ("max_reviews_per_day: 0\n", "max_reviews_per_day must be a whole number from 1"),
        ("rollover_hour: 24\n", "rollover_hour must be a whole number from 0 to 23"),
        ("rollover_hour: true\n", "rollover_hour must be a whole number"),
        ("language: fr\n", "language must be one of ko, en; got 'fr'"),
        ("theme: ''\n", "theme must be the name of a theme"),
        ("interview_minutes: 0\n", "interview_minutes must be a number of minutes from 0.25 "
                                   "to 60, got 0"),
        ("interview_follow_up_minutes: soon\n", "interview_follow_up_minutes must be a number"),
        ("interview_minutes: true\n", "interview_minutes must be a number"),
        ("interview_counts_as_review: 1\n", "interview_counts_as_review must be true or false"),
        ("new_per_dya: 3\n", "unknown setting 'new_per_dya'"),
        ("- a list\n", "must be a mapping"),
        ("new_per_day: [1\n", "settings.yaml:2: the settings file is not valid YAML"),
    ],
)
def test_bad_values_name_the_key(data_dir: Path, text: str, message: str) -> None:
    write(data_dir, text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_settings(data_dir, {})


def test_interview_settings(data_dir: Path) -> None:
    assert (Settings().interview_minutes, Settings().interview_follow_up_minutes,
            Settings().interview_counts_as_review) == (2, 1, False)
    write(data_dir, "interview_minutes: 1.5\ninterview_follow_up_minutes: 0.5\n"
                    "interview_counts_as_review: true\n")
    settings = load_settings(data_dir, {})
    assert (settings.interview_minutes, settings.interview_follow_up_minutes,
            settings.interview_counts_as_review) == (1.5, 0.5, True)


def test_save_setting_keeps_the_others(data_dir: Path) -> None:
    write(data_dir, "new_per_day: 7\n")
    save_setting(data_dir, "theme", "gruvbox")
    settings = load_settings(data_dir, {})
    assert settings.new_per_day == 7 and settings.theme == "gruvbox"
    with pytest.raises(ConfigError):
        save_setting(data_dir, "language", "xx")


README_EXAMPLE = """\
new_per_day: 10           # 0-9999 new cards a day
max_reviews_per_day: 200  # 1-99999 due + new cards a day
rollover_hour: 4          # 0-23, local time at which a study day ends
language: ko              # ko or en; default: from your locale (LANG)
theme: textual-dark       # any Textual theme; the theme you pick in the app is saved here
"""


def test_saving_a_setting_keeps_every_comment_and_line(data_dir: Path) -> None:
    # The README's own example: saving the language and the theme edits those lines only.
    write(data_dir, "# my settings\n\n" + README_EXAMPLE)
    save_setting(data_dir, "language", "en")
    save_setting(data_dir, "theme", "nord")
    text = (data_dir / "settings.yaml").read_text(encoding="utf-8")
    expected = ("# my settings\n\n" + README_EXAMPLE
                .replace("language: ko    ", "language: en    ")
                .replace("theme: textual-dark", "theme: nord"))
    assert text == expected
    settings = load_settings(data_dir, {})
    assert (settings.language, settings.theme, settings.new_per_day) == ("en", "nord", 10)


def test_a_new_key_is_added_at_the_end(data_dir: Path) -> None:
    write(data_dir, "# only a comment\nnew_per_day: 3")
    save_setting(data_dir, "theme", "gruvbox")
    assert (data_dir / "settings.yaml").read_text(encoding="utf-8") == \
        "# only a comment\nnew_per_day: 3\ntheme: gruvbox\n"
    save_setting(data_dir, "language", "ko")
    assert load_settings(data_dir, {}).language == "ko"


def test_a_file_it_cannot_edit_safely_is_left_alone(data_dir: Path) -> None:
    text = "theme: >\n  textual-dark\nnew_per_day: 3\n"  # a folded scalar over two lines
    write(data_dir, text)
    with pytest.raises(ConfigError, match="set it by hand: theme: nord"):
        save_setting(data_dir, "theme", "nord")
    assert (data_dir / "settings.yaml").read_text(encoding="utf-8") == text


def test_an_unknown_theme_stops_the_app_naming_the_key(data_dir: Path) -> None:
    # The settings are read without Textual (`dlflash due` never imports it), so the app
    # checks the theme against the themes it has, before the terminal or the store.
    write(data_dir, "theme: no-such-theme\n")
    done = subprocess.run([sys.executable, "-m", "dlflash", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert str(data_dir / "settings.yaml") in line
    assert "theme must be one of" in line and "nord" in line and "'no-such-theme'" in line
    assert not (data_dir / "reviews").exists()
