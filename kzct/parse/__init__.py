"""The parse layer: wikitext, its conversion markup, Chinese dates and the gazetteers, read into
what the extractors match against. Imports only the base modules (``kzct.text``, ``kzct.model``…)."""
