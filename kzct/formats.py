"""The output formats a command can print, and the flag that asks for each.

``cli.command`` turns this table into options (declared once, for every command that takes
them) and ``render.write_records`` is the one place that writes each format. A new format is a
member here, a line in ``FLAGS``, a writer in ``render``, and its name in the ``command``
decorator of the commands that offer it (as ``--geojson`` is for ``places`` and ``timeline``).
"""

from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    GEOJSON = "geojson"


# format → (flag, help)
FLAGS: dict[Format, tuple[str, str]] = {
    Format.JSON: ("--json", "Print JSON (UTF-8) instead of a table: one array of the records, "
                            "or one object where the command shows one thing."),
    Format.JSONL: ("--jsonl", "Print one JSON record per line."),
    Format.CSV: ("--csv", "Print CSV: one row per record, flat columns, lists joined with ';'; "
                          "a cell that would start a spreadsheet formula begins with '."),
    Format.TSV: ("--tsv", "Print tab-separated values, as --csv does."),
    Format.GEOJSON: ("--geojson", "Print a GeoJSON FeatureCollection (RFC 7946) for a map."),
}

LIST_FORMATS = (Format.JSON, Format.JSONL, Format.CSV, Format.TSV)
MAP_FORMATS = (*LIST_FORMATS, Format.GEOJSON)  # for the records that have places
