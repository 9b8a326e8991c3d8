"""One module per screen; they reach the app through `tui.host`, never `tui.app`."""
