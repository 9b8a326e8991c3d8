"""The subcommands that `cli.py` dispatches to, one module each, beside `cli.py` on the top
layer: they may import anything below the TUI (and the TUI, lazily, to open the app)."""
