"""Decks: the card types (`model`), one YAML file into cards (`parser`), the bundled and the
user's decks loaded and checked across files (`loader`), and the parsed-deck cache
(`cache`). May import `base` only."""
