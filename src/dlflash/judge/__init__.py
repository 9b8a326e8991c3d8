"""The judge: which key points a typed answer covers, which misconceptions it states, and
the grade to suggest. Pure functions over a card and a string; may import `base` and
`deck`."""
