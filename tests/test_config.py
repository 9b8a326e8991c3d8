from __future__ import annotations

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
        ("new_per_dya: 3\n", "unknown setting 'new_per_dya'"),
        ("- a list\n", "must be a mapping"),
        ("new_per_day: [1\n", "settings.yaml:2: the settings file is not valid YAML"),
    ],
)
def test_bad_values_name_the_key(data_dir: Path, text: str, message: str) -> None:
    write(data_dir, text)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_settings(data_dir, {})


def test_save_setting_keeps_the_others(data_dir: Path) -> None:
    write(data_dir, "new_per_day: 7\n")
    save_setting(data_dir, "theme", "gruvbox")
    settings = load_settings(data_dir, {})
    assert settings.new_per_day == 7 and settings.theme == "gruvbox"
    with pytest.raises(ConfigError):
        save_setting(data_dir, "language", "xx")
