"""One deck file's YAML into `Card`s, collecting every problem with its line.

The YAML is composed into nodes (never constructed by a loader), so every problem can name
its line, duplicate keys are caught, unknown tags such as `!!python/object` are rejected
without running anything, and anchors/aliases (the "billion laughs") are refused.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import yaml

from dlflash.base.language import LANGUAGES, nfc
from dlflash.base.safe_text import control_character
from dlflash.deck.model import Card, KeyPoint, Problem, Text, Trap

try:  # libyaml is about 8x faster; the pure-Python loader gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""A deck of a thousand long cards is well under 5 MB; anything bigger is a mistake."""
MIN_KEY_POINTS, MAX_KEY_POINTS = 3, 6
"""For the bundled deck; a deck of your own may have from 1 to 6."""
DECK_SUFFIXES = (".yaml", ".yml")

_FILE_KEYS = {"topic", "cards"}
_CARD_KEYS = {"id", "parent", "question", "answer", "key_points", "tags", "traps"}
_POINT_KEYS = {"ko", "en", "keywords", "core"}
_TRAP_KEYS = {"says", "fix", "patterns"}
MAX_TRAPS = 8
_STR_TAG = "tag:yaml.org,2002:str"
_TEXTLIKE_TAGS = {_STR_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_PLAIN_TAGS = _TEXTLIKE_TAGS | {
    f"tag:yaml.org,2002:{name}" for name in ("bool", "null", "map", "seq", "timestamp")
}


class IdSite(NamedTuple):
    """Where an id was seen, valid card or not; named like `CardRef`, which serves as one."""

    id: str
    source: str
    line: int


class _Invalid(Exception):
    """Raised inside the parser when a node cannot be used; already recorded as a Problem."""


class FileParser:
    """Turns one YAML file into cards, collecting problems rather than stopping at the first."""

    def __init__(self, path: Path, strict: bool, deck_name: str = "") -> None:
        self.path = path
        self.name = str(path)
        self.strict = strict
        self.deck_name = deck_name
        self.problems: list[Problem] = []
        self.ids: list[IdSite] = []
        self._seen_nodes: set[int] = set()

    def problem(self, node: yaml.Node | None, message: str, line: int = 1) -> None:
        if node is not None:
            line = node.start_mark.line + 1
        self.problems.append(Problem(self.name, line, message))

    def parse(self) -> list[Card]:
        root = self._compose()
        if root is None:
            return []
        try:
            mapping = self._mapping(root, _FILE_KEYS, "the deck file")
        except _Invalid:
            return []
        topic = Text()
        if "topic" in mapping:
            with contextlib.suppress(_Invalid):
                topic = self._text(mapping["topic"], "topic")
        cards_node = mapping.get("cards")
        if cards_node is None:
            self.problem(root, "missing 'cards': a deck file lists its cards under 'cards:'")
            return []
        cards = []
        for node in self._sequence(cards_node, "'cards'", allow_empty=False):
            with contextlib.suppress(_Invalid):
                cards.append(self._card(node, topic))
        return cards

    def _compose(self) -> yaml.Node | None:
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problem(None, f"file is {size // 1024} KB; a deck file may be at most "
                                   f"{MAX_FILE_BYTES // (1024 * 1024)} MB")
                return None
            data = self.path.read_bytes()
        except IsADirectoryError:
            self.problem(None, "is a folder, not a deck file")
            return None
        except OSError as error:
            self.problem(None, f"cannot read: {error.strerror or error}")
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problem(None, "not valid UTF-8 text; save the file as UTF-8", line)
            return None
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            reason = error.problem or error.context or "invalid YAML"
            lines = text.splitlines()
            if mark and mark.line < len(lines) and "\t" in lines[mark.line]:
                reason += " (a tab: indent YAML with spaces)"
            self.problem(None, f"YAML syntax error: {reason}", line)
            return None
        except yaml.reader.ReaderError as error:
            line = text[: error.position].count("\n") + 1
            char = error.character
            code = char if isinstance(char, int) else ord(char)
            self.problem(None, f"character U+{code:04X} is not allowed in YAML", line)
            return None
        except yaml.YAMLError as error:
            self.problem(None, f"YAML error: {str(error).splitlines()[0]}")
            return None
        except RecursionError:
            self.problem(None, "YAML is nested too deeply")
            return None
        if node is None:
            self.problem(None, "the file is empty; a deck file needs 'cards:'")
        return node

    def _visit(self, node: yaml.Node) -> None:
        # The composer hands back an alias as the very node it points to: a second visit
        # is an alias, which decks never need and which can blow up exponentially.
        if id(node) in self._seen_nodes:
            self.problem(node, "YAML anchors and aliases (&, *) are not allowed in decks")
            raise _Invalid
        self._seen_nodes.add(id(node))
        if node.tag in _PLAIN_TAGS:
            return
        self.problem(node, f"unsupported YAML tag {node.tag!r}")
        raise _Invalid

    def _mapping(self, node: yaml.Node, allowed: set[str], what: str) -> dict[str, yaml.Node]:
        self._visit(node)
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values")
            raise _Invalid
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self._visit(key_node)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key == "<<":
                self.problem(key_node, f"{what} has a key that is not plain text")
                continue
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                self.problem(key_node, f"unknown key {key!r} in {what} (allowed: {expected})")
                continue
            if key in result:
                self.problem(key_node, f"duplicate key {key!r} in {what}")
                continue
            result[key] = value_node
        return result

    def _sequence(
        self, node: yaml.Node, what: str, *, allow_empty: bool = True
    ) -> list[yaml.Node]:
        try:
            self._visit(node)
        except _Invalid:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return []
        if not node.value and not allow_empty:
            self.problem(node, f"{what} is empty")
        return list(node.value)

    def _string(self, node: yaml.Node, what: str) -> str:
        self._visit(node)
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _TEXTLIKE_TAGS:
            kind = _kind(node)
            self.problem(node, f"{what} must be text, not {kind}")
            raise _Invalid
        value = nfc(node.value).strip() if node.tag == _STR_TAG else node.value
        if not value:
            self.problem(node, f"{what} is empty")
            raise _Invalid
        bad = control_character(value)
        if bad is not None:  # it would reach the terminal: an escape sequence can set the
            # clipboard or the window title
            self.problem(node, f"{what} holds the control character U+{ord(bad):04X} "
                               "(a terminal escape, or a stray byte); remove it")
            raise _Invalid
        return value

    def _text(self, node: yaml.Node, what: str) -> Text:
        return self._languages(node, self._mapping(node, set(LANGUAGES), what), what)

    def _languages(self, node: yaml.Node, mapping: Mapping[str, yaml.Node], what: str) -> Text:
        values: dict[str, str] = {}
        for language, value_node in mapping.items():
            with contextlib.suppress(_Invalid):
                values[language] = self._string(value_node, f"{what}.{language}")
        if not mapping:
            self.problem(node, f"{what} needs 'ko' and/or 'en' text")
            raise _Invalid
        missing = [lang for lang in LANGUAGES if lang not in mapping]
        if self.strict and missing:
            self.problem(node, f"{what} is missing the {'/'.join(missing)} text")
        if len(values) < len(mapping):
            raise _Invalid
        return Text(ko=values.get("ko"), en=values.get("en"))

    def _card(self, node: yaml.Node, topic: Text) -> Card:
        fields = self._mapping(node, _CARD_KEYS, "a card")
        line = node.start_mark.line + 1
        ok = True
        card_id = parent = None
        if "id" in fields:
            try:
                card_id = self._string(fields["id"], "id")
                self.ids.append(IdSite(card_id, self.name, line))
            except _Invalid:
                ok = False
        label = f"card {card_id!r}" if card_id else "card"
        for required in ("id", "question", "answer", "key_points"):
            if required not in fields:
                self.problem(node, f"{label} is missing {required!r}")
                ok = False
        if "parent" in fields:
            try:
                parent = self._string(fields["parent"], f"{label} parent")
            except _Invalid:
                ok = False
        texts: dict[str, Text] = {}
        for key in ("question", "answer"):
            if key in fields:
                try:
                    texts[key] = self._text(fields[key], f"{label} {key}")
                except _Invalid:
                    ok = False
        points = self._key_points(fields["key_points"], label) if "key_points" in fields else None
        tags = self._strings(fields["tags"], f"{label} tags") if "tags" in fields else ()
        traps = self._traps(fields["traps"], label) if "traps" in fields else ()
        if not ok or points is None or tags is None or traps is None or card_id is None:
            raise _Invalid
        if card_id == parent:
            self.problem(node, f"{label} names itself as its parent")
            raise _Invalid
        self._one_language_throughout(node, label, texts["question"], texts["answer"],
                                      [point.text for point in points])
        return Card(
            id=card_id,
            parent=parent,
            question=texts["question"],
            answer=texts["answer"],
            key_points=points,
            topic=topic,
            tags=tags,
            source=self.name,
            line=line,
            deck=self.deck_name,
            traps=traps,
        )

    def _one_language_throughout(self, node: yaml.Node, label: str, question: Text,
                                 answer: Text, points: Sequence[Text]) -> None:
        """A card read in one language has its question, answer and key points in it: a
        question only in English with an answer only in Korean is a card no one can study."""
        def languages(text: Text) -> set[str]:
            return {language for language in LANGUAGES if getattr(text, language) is not None}

        common = languages(question) & languages(answer)
        for point in points:
            common &= languages(point)
        if not common:
            self.problem(node, f"{label} has no language that its question, answer and every "
                               "key point all have; give them 'ko' or 'en' text alike")

    def _key_points(self, node: yaml.Node, label: str) -> tuple[KeyPoint, ...] | None:
        items = self._sequence(node, f"{label} key_points")
        if not isinstance(node, yaml.SequenceNode):
            return None
        least = MIN_KEY_POINTS if self.strict else 1
        if not least <= len(items) <= MAX_KEY_POINTS:
            self.problem(
                node, f"{label} has {len(items)} key points; give {least} to {MAX_KEY_POINTS}"
            )
        points: list[KeyPoint] = []
        ok = True
        for index, item in enumerate(items, start=1):
            what = f"{label} key point {index}"
            try:
                fields = self._mapping(item, _POINT_KEYS, what)
            except _Invalid:
                ok = False
                continue
            languages: dict[str, yaml.Node] = {k: v for k, v in fields.items() if k in LANGUAGES}
            try:
                text = self._languages(item, languages, what)
            except _Invalid:
                ok = False
                continue
            if "keywords" not in fields:
                self.problem(item, f"{what} is missing 'keywords'")
                ok = False
                continue
            keywords = self._strings(fields["keywords"], f"{what} keywords", allow_empty=False)
            if keywords is None:
                ok = False
                continue
            core = self._bool(fields["core"], f"{what} core") if "core" in fields else True
            if core is None:
                ok = False
                continue
            points.append(KeyPoint(text=text, keywords=keywords, core=core))
        if ok and points and not any(point.core for point in points):
            self.problem(node, f"{label} has no core key point; mark at least one 'core: true'")
            ok = False
        return tuple(points) if ok else None

    def _bool(self, node: yaml.Node, what: str) -> bool | None:
        try:
            self._visit(node)
        except _Invalid:
            return None
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":bool"):
            self.problem(node, f"{what} must be true or false, not {_kind(node)}")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def _traps(self, node: yaml.Node, label: str) -> tuple[Trap, ...] | None:
        items = self._sequence(node, f"{label} traps")
        if not isinstance(node, yaml.SequenceNode):
            return None
        if len(items) > MAX_TRAPS:
            self.problem(node, f"{label} has {len(items)} traps; give at most {MAX_TRAPS}")
        traps: list[Trap] = []
        ok = True
        for index, item in enumerate(items, start=1):
            what = f"{label} trap {index}"
            try:
                fields = self._mapping(item, _TRAP_KEYS, what)
                missing = [key for key in ("says", "fix", "patterns") if key not in fields]
                if missing:
                    self.problem(item, f"{what} is missing {', '.join(map(repr, missing))}")
                    raise _Invalid
                says = self._text(fields["says"], f"{what} says")
                fix = self._text(fields["fix"], f"{what} fix")
            except _Invalid:
                ok = False
                continue
            patterns = self._strings(fields["patterns"], f"{what} patterns", allow_empty=False)
            if patterns is None:
                ok = False
                continue
            traps.append(Trap(says=says, fix=fix, patterns=patterns))
        return tuple(traps) if ok else None

    def _strings(
        self, node: yaml.Node, what: str, *, allow_empty: bool = True
    ) -> tuple[str, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self._visit(node)
            self.problem(node, f"{what} must be a list of text")
            return None
        items = self._sequence(node, what, allow_empty=allow_empty)
        if not items and not allow_empty:
            return None
        values: list[str] = []
        for item in items:
            try:
                values.append(self._string(item, f"{what} entry"))
            except _Invalid:
                return None
        return tuple(values)


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "empty"
    if node.tag.endswith(":bool"):
        return f"a true/false value ({node.value}; quote it if you mean the text)"
    return f"a {node.tag.rsplit(':', 1)[-1]}"
