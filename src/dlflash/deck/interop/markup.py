"""Markdown to HTML for Anki, and Anki's HTML (or plain text) back to Markdown.

Markdown is rendered by markdown-it-py as the review screen parses it (CommonMark, tables,
strikethrough, raw HTML shown as text), so code blocks stay `<pre><code>`. The way back is
a small converter over the standard library's `html.parser`: Anki's editor writes a small
set of tags (div, br, b, i, u, ul/ol/li, pre/code, a, img, sub/sup, tables), and the well-
known converters are GPL (html2text) or pull in BeautifulSoup (markdownify).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(?=\s|$)", re.MULTILINE)
_SOUND = re.compile(r"\[sound:([^\]]*)\]")
_INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "del": "~~",
           "strike": "~~"}
_BLOCKS = {"div", "p", "li", "tr", "table", "ul", "ol", "blockquote", "pre",
           "h1", "h2", "h3", "h4", "h5", "h6"}


def markdown_to_html(text: str) -> str:
    return str(_markdown.render(text)).strip()


def inline_html(text: str) -> str:
    """One line of Markdown (a key point) as HTML without the paragraph around it."""
    return str(_markdown.renderInline(text))


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text."""
    return _LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", text))


def plain_to_markdown(text: str) -> tuple[str, list[str]]:
    """Plain text (Anki's text export without HTML) as Markdown, and the media it names."""
    media = _SOUND.findall(text)
    lines = [escape(line.strip()) for line in _SOUND.sub("", text).splitlines()]
    return "\n\n".join(line for line in lines if line), media


def html_to_markdown(html: str) -> tuple[str, list[str]]:
    """Anki's HTML as Markdown, and the media files it referred to (left out)."""
    converter = _Converter()
    converter.media += _SOUND.findall(html)
    converter.feed(_SOUND.sub("", html))
    converter.close()
    return converter.markdown(), converter.media


class _Converter(HTMLParser):
    """Collects Markdown blocks: every Anki line (a div, a br) is a paragraph of its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line = ""
        self.media: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [number of the next item] or []
        self.pre = 0
        self.row: list[str] | None = None
        self.rows = 0
        self.link: str | None = None

    def markdown(self) -> str:
        self._end_line()
        return "\n\n".join(self.blocks).strip()

    def _end_line(self) -> None:
        line = self.line.strip()
        self.line = ""
        if line:
            prefix = ""
            if self.lists:
                numbers = self.lists[-1]
                prefix = "  " * (len(self.lists) - 1) + (f"{numbers[0]}. " if numbers else "- ")
            if self.blocks and prefix and self.blocks[-1].lstrip()[:1] in "-0123456789":
                self.blocks[-1] += "\n" + prefix + line  # items of one list stay together
            else:
                self.blocks.append(prefix + line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.pre:
            if tag == "br":
                self.line += "\n"
            return
        if tag in _INLINE:
            self.line += _INLINE[tag]
        elif tag == "code":
            self.line += "`"
        elif tag == "br":
            self._end_line()
        elif tag == "pre":
            self._end_line()
            self.pre = 1
        elif tag in ("ul", "ol"):
            self._end_line()
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self._end_line()
        elif tag in ("img", "audio", "video", "source"):
            source = dict(attrs).get("src")
            if source:
                self.media.append(source)
        elif tag == "a":
            self.link = dict(attrs).get("href")
            self.line += "[" if self.link else ""
        elif tag == "tr":
            self._end_line()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.line = ""
        elif tag in _BLOCKS:
            self._end_line()
            if tag.startswith("h") and tag[1:].isdigit():
                self.line = "#" * int(tag[1:]) + " "

    def handle_endtag(self, tag: str) -> None:
        if self.pre:
            if tag == "pre":
                code = self.line.strip("\n")
                self.line, self.pre = "", 0
                self.blocks.append(f"```\n{code}\n```")
            return
        if tag in _INLINE:
            self.line += _INLINE[tag]
        elif tag == "code":
            self.line += "`"
        elif tag == "a":
            if self.link:
                self.line += f"]({self.link})"
            self.link = None
        elif tag in ("td", "th") and self.row is not None:
            self.row.append(self.line.strip().replace("|", "\\|"))
            self.line = ""
        elif tag == "tr" and self.row is not None:
            self.blocks.append("| " + " | ".join(self.row) + " |")
            if self.rows == 0:
                self.blocks[-1] += "\n|" + " --- |" * len(self.row)
            elif self.blocks[-2].startswith("|"):
                self.blocks[-2:] = ["\n".join(self.blocks[-2:])]  # one table, one block
            self.rows += 1
            self.row = None
        elif tag == "table":
            self.rows = 0
        elif tag in ("ul", "ol"):
            self._end_line()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._end_line()
            if self.lists and self.lists[-1]:
                self.lists[-1][0] += 1
        elif tag in _BLOCKS:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self.pre:
            self.line += data
        else:
            self.line += escape(re.sub(r"\s+", " ", data.replace("\xa0", " ")))
