"""A study session: today's queue, grades, undo, bury and suspend, as view-ready items for
the screens. May import `base`, `sm2`, `deck`, `journal` and `judge`."""
