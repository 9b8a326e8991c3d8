"""`python -m dlflash` and the `dlflash` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from dlflash.cli import main as run

    sys.exit(run())


if __name__ == "__main__":
    main()
