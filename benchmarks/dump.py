"""Reading a MediaWiki dump as a stream: memory stays flat however large the dump.

Generates a dump of the size asked for (default 1 GB of XML, written as it is generated): pages
of the main namespace with a history of several revisions each, every revision a variation of
the bundled seed's text, with redirects and talk pages among them. Then, in a fresh process for
each, streams a small dump (1% of it) and the whole one through ``kzct.exports.pages`` (what
``--seed dump.xml`` reads), and prints the pages read, the time, the throughput and the peak
memory of the process (its maximum resident set). The target: the peak reading the large dump
no more than 10 MB over that of the small one.

    python benchmarks/dump.py [--megabytes 1024] [--gzip] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kazakhstan-terrorism.zhwiki.wikitext"
REVISIONS = 5  # per page: a history, of which the reader keeps the latest
HEADER = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
          'xml:lang="zh">\n  <siteinfo>\n    <sitename>Wikipedia</sitename>\n'
          "    <dbname>zhwiki</dbname>\n"
          "    <base>https://zh.wikipedia.org/wiki/Wikipedia:%E9%A6%96%E9%A1%B5</base>\n"
          "  </siteinfo>\n")
READER = """
import json, resource, sys, time
from pathlib import Path
from kzct.exports import pages
start = time.perf_counter()
count = 0
for item in pages(Path(sys.argv[1])):
    count += hasattr(item, "title")
print(json.dumps({"pages": count, "seconds": time.perf_counter() - start,
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def write_dump(out: IO[str], megabytes: float) -> int:
    """Write a dump of about ``megabytes`` of XML (UTF-8) to ``out``; the number of pages."""
    body = escape(SEED.read_text(encoding="utf-8"))
    budget = int(megabytes * 2**20)

    def put(text: str) -> int:
        out.write(text)
        return len(text.encode("utf-8"))

    written = put(HEADER)
    page = 0
    while written < budget:
        page += 1
        if page % 50 == 0:  # a redirect, and a talk page, now and then
            written += put(f"  <page>\n    <title>重定向{page}</title>\n    <ns>0</ns>\n"
                                 f'    <redirect title="条目{page - 1}" />\n    <revision>\n'
                                 f"      <id>{page * 10}</id>\n"
                                 "      <timestamp>2014-01-01T00:00:00Z</timestamp>\n"
                                 f'      <text xml:space="preserve">#重定向 [[条目{page - 1}]]'
                                 "</text>\n    </revision>\n  </page>\n")
            continue
        namespace = 1 if page % 50 == 25 else 0
        parts = [f"  <page>\n    <title>条目{page}</title>\n    <ns>{namespace}</ns>\n"
                 f"    <id>{page}</id>\n"]
        for revision in range(REVISIONS):
            text = f"{body}\n第{page}条，第{revision}版。"
            parts.append(f"    <revision>\n      <id>{page * 10 + revision}</id>\n"
                         f"      <timestamp>2014-01-0{revision + 1}T00:00:00Z</timestamp>\n"
                         "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                         f'      <text xml:space="preserve">{text}</text>\n    </revision>\n')
        parts.append("  </page>\n")
        written += put("".join(parts))
    out.write("</mediawiki>\n")
    return page


def generate(path: Path, megabytes: float) -> int:
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
            return write_dump(out, megabytes)
    with open(path, "w", encoding="utf-8") as out:
        return write_dump(out, megabytes)


def read(path: Path) -> dict[str, float]:
    import json

    proc = subprocess.run([sys.executable, "-c", READER, str(path)], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return dict(json.loads(proc.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--megabytes", type=float, default=1024,
                        help="the size of the large dump, in MB of XML (default 1024)")
    parser.add_argument("--gzip", action="store_true", help="write the dumps gzipped")
    parser.add_argument("--keep", type=Path, help="write the dumps here and keep them")
    args = parser.parse_args(argv)
    directory = args.keep or Path(tempfile.mkdtemp(prefix="kzct-dump-"))
    directory.mkdir(parents=True, exist_ok=True)
    suffix = ".xml.gz" if args.gzip else ".xml"
    try:
        results = []
        for name, size in (("small", args.megabytes / 100), ("large", args.megabytes)):
            path = directory / f"{name}{suffix}"
            start = time.perf_counter()
            pages = generate(path, size)
            made = time.perf_counter() - start
            result = read(path)
            results.append(result)
            print(f"{name}: {size:,.0f} MB of XML, {pages:,} pages ({path.stat().st_size / 2**20:,.0f}"
                  f" MB on disk, written in {made:.0f} s): {result['pages']:,.0f} articles read "
                  f"in {result['seconds']:.1f} s ({size / result['seconds']:.0f} MB/s), peak "
                  f"memory {result['peak_kb'] / 1024:.1f} MB")
        growth = (results[1]["peak_kb"] - results[0]["peak_kb"]) / 1024
        print(f"peak memory grew by {growth:.1f} MB from the small dump to the large one "
              f"(target: at most 10 MB)")
        return 0 if growth <= 10 else 1
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
