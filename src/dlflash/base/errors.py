"""The one exception type a user can cause: the CLI prints its message and exits non-zero."""

from __future__ import annotations


class DlflashError(Exception):
    """An error the user can act on; its message is one clear sentence, never a traceback."""

    exit_code = 1
