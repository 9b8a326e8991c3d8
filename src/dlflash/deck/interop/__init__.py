"""Decks in and out of other programs: Markdown to HTML and back (`markup`), dlflash cards as
Anki notes written with genanki (`anki_export`), Anki packages read (`apkg`), Anki's text
export and CSV parsed (`text_formats`), and the notes found turned into a deck of the
user's (`notes`). Pure but for the file each call is given; may import `base` and `deck`."""
