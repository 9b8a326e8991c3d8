"""A model answer's Markdown laid out for a width: lines of text runs, each run with roles.

Plain text layout, no widgets: `ModelAnswer` paints the lines, with one style per role.
Nothing is cut at the pane's edge. Prose wraps at spaces. Code wider than the pane wraps,
preferably after a space or comma, and each continued line starts with `CONTINUATION` at the
line's indentation. A formula is kept on one line where it fits: inline code never breaks
at its spaces, and a source line of a paragraph that is mostly inline code stays a line of
its own; what does not fit the pane wraps as code. Tables narrow their widest columns and
wrap the cells.

Glyphs are of East Asian width N or Na, so that they take one cell in Korean terminals
too (where "•", "─" or "│" can take two).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import Comment, Keyword, Name, Number, Operator, String
from pygments.util import ClassNotFound
from rich.cells import cell_len

Roles = tuple[str, ...]
Run = tuple[str, Roles]
Line = list[Run]

CONTINUATION = "↪ "
"""Starts a line that continues the one above (U+21AA, East Asian width N)."""
BULLETS = ("▪ ", "◦ ", "‣ ")
"""Bullets by list depth (width N, unlike "•")."""
COLUMN_RULE, HEADER_RULE = " | ", "-+-"
TAB_SIZE = 4
_BREAK_AFTER = (" ,", "([{")
"""Code breaks after a space or comma where it can, else after an opening bracket."""

ROLES = (
    "strong", "em", "strike", "link", "code-inline", "h1", "h2", "h3", "bullet", "quote",
    "quote-bar", "code", "code-comment", "code-string", "code-number", "code-keyword",
    "code-function", "continuation", "rule", "table-header", "table-rule",
)
"""Every role a run can have; ModelAnswer styles each one."""

_CODE_ROLES = (
    (Comment, "code-comment"), (String, "code-string"), (Number, "code-number"),
    (Keyword, "code-keyword"), (Operator.Word, "code-keyword"), (Name.Builtin, "code-keyword"),
    (Name.Function, "code-function"), (Name.Class, "code-function"),
    (Name.Decorator, "code-function"),
)
_INLINE_ROLES = {"strong": "strong", "em": "em", "s": "strike", "link": "link"}
_FORMULA_SHARE = 0.6
"""A paragraph's source line is a formula when inline code is this share of its text."""

_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def parse(markdown: str) -> SyntaxTreeNode:
    """Deck text is data: raw HTML is shown as written, not interpreted."""
    return SyntaxTreeNode(_parser.parse(markdown))


def layout(tree: SyntaxTreeNode, width: int) -> list[Line]:
    """The document's lines, none wider than `width` cells (at least 4 are assumed)."""
    return _blocks(tree.children, max(width, 4), depth=0, tight=False)


def width_of(line: Iterable[Run]) -> int:
    return sum(cell_len(text) for text, _ in line)


def plain(line: Iterable[Run]) -> str:
    return "".join(text for text, _ in line)


# -- blocks -------------------------------------------------------------------------------


def _blocks(nodes: Sequence[SyntaxTreeNode], width: int, depth: int, tight: bool) -> list[Line]:
    """Blocks one under the other; a blank line between them unless in a tight list."""
    lines: list[Line] = []
    for node in nodes:
        if lines and not tight:
            lines.append([])
        lines += _block(node, width, depth)
    return lines


def _block(node: SyntaxTreeNode, width: int, depth: int) -> list[Line]:
    kind = node.type
    if kind in ("paragraph", "heading"):
        roles: Roles = (f"h{min(int(node.tag[1:]), 3)}",) if kind == "heading" else ()
        return _inline(node.children[0], width, roles) if node.children else []
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, width, depth)
    if kind == "blockquote":
        bar: Line = [(" ", ("quote-bar",)), (" ", ())]
        inner = _blocks(node.children, width - 2, depth, tight=False)
        return [bar + _with_role(line, "quote") for line in inner]
    if kind in ("fence", "code_block"):
        return _code(node.content, node.info.split()[0] if node.info else "", width)
    if kind == "table":
        return _table(node, width)
    if kind == "hr":
        return [[("-" * width, ("rule",))]]
    return [[(text, ())] for text in node.content.splitlines()]  # html_block


def _list(node: SyntaxTreeNode, width: int, depth: int) -> list[Line]:
    items = node.children
    if node.type == "ordered_list":
        start = int(str(node.attrs.get("start", 1)))
        numbers = [f"{number}." for number in range(start, start + len(items))]
        size = max(len(number) for number in numbers)
        markers = [number.rjust(size) + " " for number in numbers]
    else:
        markers = [BULLETS[depth % len(BULLETS)]] * len(items)
    tight = all(child.hidden for item in items for child in item.children
                if child.type == "paragraph")
    lines: list[Line] = []
    for item, marker in zip(items, markers, strict=True):
        if lines and not tight:
            lines.append([])
        size = len(marker)
        body = _blocks(item.children, width - size, depth + 1, tight) or [[]]
        lines.append([(marker, ("bullet",)), *body[0]])
        lines += [[(" " * size, ()), *line] if line else [] for line in body[1:]]
    return lines


def _with_role(line: Line, role: str) -> Line:
    return [(text, (role, *roles)) for text, roles in line]


# -- code ---------------------------------------------------------------------------------


def _code(code: str, language: str, width: int) -> list[Line]:
    """A code block, every line filled to `width` (its background marks the block). No
    padding: a 76-column line fits the model pane at 120 columns."""
    lines = []
    for source in _highlight(code.rstrip("\n").expandtabs(TAB_SIZE), language):
        for part in wrap_code(source, width):
            rest = width - width_of(part)
            lines.append([*_with_role(part, "code"), (" " * rest, ("code",))])
    return lines


@lru_cache(maxsize=16)
def _lexer(language: str) -> Lexer | None:
    if not language:
        return None
    try:
        return get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        return None


def _code_role(token: tuple[str, ...]) -> Roles:
    """The role of a Pygments token type or of the nearest kind it is a subtype of."""
    return next(((role,) for kind, role in _CODE_ROLES if token[: len(kind)] == kind), ())


def _highlight(code: str, language: str) -> list[Line]:
    lexer = _lexer(language)
    if lexer is None:
        return [[(text, ())] if text else [] for text in code.split("\n")]
    lines: list[Line] = [[]]
    for token, value in lexer.get_tokens(code):
        for index, text in enumerate(value.split("\n")):
            if index:
                lines.append([])
            if text:
                lines[-1].append((text, _code_role(token)))
    return lines[: code.count("\n") + 1]  # the lexer adds a final newline


def wrap_code(line: Line, width: int) -> list[Line]:
    """`line` in lines of at most `width` cells: each continued line starts with
    CONTINUATION at the line's indentation (none when that leaves too little room)."""
    if width_of(line) <= width:
        return [line]
    text = plain(line)
    indent = len(text) - len(text.lstrip(" "))
    mark = CONTINUATION if width > 2 * cell_len(CONTINUATION) else ""
    if indent + cell_len(mark) > width // 2:
        indent = 0
    prefix: Line = [(" " * indent, ()), (mark, ("continuation",))] if mark else []
    lines, rest, room = [], line, width
    while width_of(rest) > room:
        head, rest = _split(rest, _break_at(plain(rest), room))
        lines.append(_rstrip(head))
        rest = _lstrip(rest)
        room = width - width_of(prefix)
    lines.append(rest)
    return [lines[0], *[prefix + part for part in lines[1:]]]


def _break_at(text: str, room: int) -> int:
    """Where to cut `text` to fit `room` cells: after the last of _BREAK_AFTER's characters
    that keeps more than a third of the room, else after the last character that fits (at
    least one)."""
    cells, fits = 0, 0
    for index, char in enumerate(text):
        cells += cell_len(char)
        if cells > room:
            break
        fits = index + 1
    fits = max(fits, 1)
    for chars in _BREAK_AFTER:
        after = max(text.rfind(char, 0, fits) for char in chars) + 1
        if after and cell_len(text[:after]) > room // 3:
            return after
    return fits


def _split(line: Line, at: int) -> tuple[Line, Line]:
    """`line` cut after `at` characters."""
    head: Line = []
    for index, (text, roles) in enumerate(line):
        if at <= len(text):
            tail = [(text[at:], roles)] if at < len(text) else []
            head += [(text[:at], roles)] if at else []
            return head, tail + line[index + 1:]
        head.append((text, roles))
        at -= len(text)
    return head, []


def _rstrip(line: Line) -> Line:
    while line and not line[-1][0].rstrip(" "):
        line = line[:-1]
    if line:
        line = [*line[:-1], (line[-1][0].rstrip(" "), line[-1][1])]
    return line


def _lstrip(line: Line) -> Line:
    while line and not line[0][0].lstrip(" "):
        line = line[1:]
    if line:
        line = [(line[0][0].lstrip(" "), line[0][1]), *line[1:]]
    return line


# -- inline text --------------------------------------------------------------------------

_BREAK = None
"""In a list of words: the line ends here."""
Word = tuple[Line, Roles]
"""A word that must not be broken, and the roles of the space before it."""


def _inline(node: SyntaxTreeNode, width: int, roles: Roles) -> list[Line]:
    """A paragraph's text, wrapped in `width`."""
    source_lines = _source_lines(node.children, roles)
    words: list[Word | None] = []
    for pieces in source_lines:
        whole = [(text, piece_roles) for _, text, piece_roles in pieces]
        if len(source_lines) > 1 and _is_formula(pieces):
            fits = width_of(whole) <= width
            words += [_BREAK, *([(whole, ())] if fits else _words(pieces)), _BREAK]
        else:
            words += _words(pieces)
    return _fill(words, width)


Piece = tuple[bool, str, Roles]
"""Inline text: (is it code, its text, its roles)."""


def _source_lines(nodes: Sequence[SyntaxTreeNode], roles: Roles) -> list[list[Piece]]:
    """The paragraph's pieces, by source line; a hard break starts a new one too."""
    lines: list[list[Piece]] = [[]]
    for node in nodes:
        if node.type in ("softbreak", "hardbreak"):
            lines.append([])
        elif node.type == "code_inline":
            lines[-1].append((True, node.content, (*roles, "code-inline")))
        elif node.children:
            inner = _source_lines(node.children, (*roles, *_role_of(node)))
            lines[-1] += inner[0]
            lines += inner[1:]
        elif node.content:
            lines[-1].append((False, node.content, roles))
    return lines


def _role_of(node: SyntaxTreeNode) -> Roles:
    role = _INLINE_ROLES.get(node.type)
    return (role,) if role else ()


def _is_formula(pieces: list[Piece]) -> bool:
    code = sum(len(text.replace(" ", "")) for is_code, text, _ in pieces if is_code)
    prose = sum(len(text.replace(" ", "")) for is_code, text, _ in pieces if not is_code)
    return code > 0 and code >= _FORMULA_SHARE * (code + prose)


_SPACES = re.compile(r"( +)")


def _words(pieces: list[Piece]) -> list[Word | None]:
    """Words split at the spaces of prose; code is never split. A new source line is
    joined to the last with a space, as Markdown does."""
    words: list[Word | None] = []
    word: Line = []
    space: Roles = ()
    for is_code, text, roles in pieces:
        parts = [text] if is_code else _SPACES.split(text)
        for index, part in enumerate(parts):
            if index % 2:  # spaces
                if word:
                    words.append((word, space))
                word, space = [], roles
            elif part:
                word.append((part, roles))
    if word:
        words.append((word, space))
    return words


def _fill(words: list[Word | None], width: int) -> list[Line]:
    """Words into lines, greedily; a word wider than a line wraps as code."""
    lines: list[Line] = []
    line: Line = []
    used = 0  # width_of(line), kept as the line grows: measuring it again was quadratic
    for word in words:
        if word is _BREAK:
            if line:
                lines.append(line)
            line, used = [], 0
            continue
        runs, space = word
        size = width_of(runs)
        if line and used + 1 + size <= width:
            line += [(" ", space), *runs]
            used += 1 + size
            continue
        if line:
            lines.append(line)
        *full, last = wrap_code(runs, width)
        lines += full
        line = [*last]  # a copy: the line grows, the word may be laid out again
        used = width_of(line)
    if line:
        lines.append(line)
    return lines


# -- tables -------------------------------------------------------------------------------


def _table(node: SyntaxTreeNode, width: int) -> list[Line]:
    """Columns as wide as their text where the pane allows; otherwise the widest give up
    room, and their cells wrap."""
    rows = [(section.type == "thead", row.children)
            for section in node.children for row in section.children]
    count = max(len(cells) for _, cells in rows)
    words = [[_cell_words(cells[index]) if index < len(cells) else []
              for index in range(count)] for _, cells in rows]
    natural = [max(sum(width_of(line) for line in _fill(row[column], 10**6)) for row in words)
               for column in range(count)]
    widths = _share(natural, width - len(COLUMN_RULE) * (count - 1))
    aligns = [_align(cells[index]) if index < len(cells) else "left"
              for _, cells in rows[:1] for index in range(count)]
    lines: list[Line] = []
    for (header, _), row in zip(rows, words, strict=True):
        columns = [_fill(cell, size) for cell, size in zip(row, widths, strict=True)]
        for y in range(max(len(column) for column in columns) or 1):
            line: Line = []
            for index, (column, size) in enumerate(zip(columns, widths, strict=True)):
                cell = column[y] if y < len(column) else []
                if index:
                    line.append((COLUMN_RULE, ("table-rule",)))
                line += _pad(cell, size, aligns[index])
            lines.append(_with_role(line, "table-header") if header else line)
        if header:
            lines.append([(HEADER_RULE.join("-" * size for size in widths), ("table-rule",))])
    return lines


def _cell_words(cell: SyntaxTreeNode) -> list[Word | None]:
    pieces = [piece for line in _source_lines(cell.children[0].children, ())
              for piece in line] if cell.children else []
    return _words(pieces)


def _align(cell: SyntaxTreeNode) -> str:
    style = str(cell.attrs.get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else "left"


def _pad(cell: Line, size: int, align: str) -> Line:
    room = size - width_of(cell)
    if align == "right":
        return [(" " * room, ()), *cell]
    if align == "center":
        return [(" " * (room // 2), ()), *cell, (" " * (room - room // 2), ())]
    return [*cell, (" " * room, ())]


def _share(natural: list[int], room: int) -> list[int]:
    """Column widths: the narrowest columns get what they need, the rest share what is
    left equally (at least one cell each)."""
    widths = list(natural)
    order = sorted(range(len(natural)), key=natural.__getitem__)
    for done, column in enumerate(order):
        share = room // (len(order) - done)
        widths[column] = max(1, min(natural[column], share))
        room -= widths[column]
    return widths
