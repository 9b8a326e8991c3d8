"""Text that cannot drive the terminal: no control characters, no escape sequences.

A deck shared by someone else, a typed answer pasted from anywhere or a journal synced from
another computer could otherwise set the window title (OSC 2), write the clipboard (OSC 52:
a command for the user to paste), recolour or clear the screen. Tab and newline are text.
"""

from __future__ import annotations

import re

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""C0 but tab and newline, DEL, and C1 (0x9b is CSI and 0x9d OSC on many terminals)."""
_ESCAPES = re.compile(
    # A string sequence (OSC, DCS, SOS, PM, APC) up to its terminator, or the line's end
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, screen clears
    r"|\x1b[ -/]*[0-~]?"  # the other escapes: ESC, intermediates, one final character
    f"|[{_CONTROL}]"
)
_ANY_CONTROL = re.compile(f"[{_CONTROL}]")


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (tab and newline stay)."""
    return _ESCAPES.sub("", text)


def control_character(text: str) -> str | None:
    """The first control character in `text` (an escape starts with one), if any."""
    found = _ANY_CONTROL.search(text)
    return found.group() if found else None
