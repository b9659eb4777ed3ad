"""The store layer: the SQLite database of built articles (``database``) and where it lives and
how it is kept small (``cache``). Imports the build layer and below."""
