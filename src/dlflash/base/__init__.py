"""Building blocks every layer uses: errors, durable file writes, the two languages, the
clock and study days, and the settings file. Imports nothing else of dlflash."""
