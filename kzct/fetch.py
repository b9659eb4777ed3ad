"""Getting articles from a wiki: ``kzct fetch``, through the MediaWiki Action API.

One request per article (``action=query&prop=revisions``: its current revision, or the revision
asked for, following redirects), with the standard library's HTTP client. Polite, as Wikimedia's
policy asks: a User-Agent that names kzct, its version and the user's contact (``KZCT_CONTACT``,
where given); gzip accepted; one
request at a time; a 429 or 5xx answer retried a bounded number of times, after the wait its
``Retry-After`` asks for, else after a backoff that doubles.

Every article is fetched before any is written: a missing page, an invalid title, a wiki that
keeps failing or cannot be reached stops the command with one line and its exit code, and writes
nothing. Each article is then written whole (``kzct.provenance.write_article``): its text byte
for byte as the API served it, and its revision beside it.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from kzct import __version__
from kzct.errors import NotFound, ServerError, Unreachable, UsageError
from kzct.model import Revision

DEFAULT_API = "https://zh.wikipedia.org/w/api.php"
# what kzct says of itself to a wiki; Wikimedia's User-Agent policy also asks for a way to reach
# whoever runs it (an e-mail address or a user page): KZCT_CONTACT, which only the user can give
ABOUT = "a command-line reader of Wikipedia articles"
RETRIES = 3  # after the first try: four tries in all
BACKOFF = 1.0  # seconds before the first retry, doubled for each next one
LONGEST_WAIT = 120.0  # a Retry-After longer than this is not waited for
TIMEOUT = 30.0  # seconds a connection may stay silent
MOST_BYTES = 64 * 2**20  # an answer larger than this is no article
# what separates the values of one parameter in the API (`titles=A|B`): never in a title
_SEPARATORS = ("|", "\x1f")


class Fetched(NamedTuple):
    """One article fetched: what was asked for, the page it is, where it was written."""

    requested: str  # the title as given, or `revision ID`
    title: str  # the page's title on the wiki (after normalization and redirects)
    path: str  # the file written
    revision: Revision


class _Article(NamedTuple):
    requested: str
    text: str
    revision: Revision
    redirected: bool


class Client:
    """Requests to one wiki's api.php. ``sleep`` waits between tries (a test passes its own);
    ``note`` tells the user what happens (a retry, a redirect)."""

    def __init__(self, api: str, *, contact: str | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 note: Callable[[str], None] | None = None, retries: int = RETRIES,
                 backoff: float = BACKOFF, timeout: float = TIMEOUT) -> None:
        self.api = api
        self.user_agent = user_agent(contact)
        self.sleep = sleep
        self.note = note or (lambda message: None)
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.api).netloc or self.api

    def query(self, **params: str) -> dict[str, Any]:
        """The API's answer to ``action=query`` with ``params``, as JSON."""
        from urllib.parse import urlencode

        url = self.api + ("&" if "?" in self.api else "?") + urlencode({
            "action": "query", "prop": "revisions", "rvprop": "ids|timestamp|content",
            "rvslots": "main", "redirects": "1", "format": "json", "formatversion": "2",
            **params})
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            status, headers, body = self._get(url, last)
            if status is None:  # a transient failure, said by _get
                self._wait(attempt, None)
                continue
            if status == 429 or 500 <= status < 600:
                if last:
                    raise ServerError(f"{self.host} answered {status} to each of "
                                      f"{self.retries + 1} tries; try again later")
                self._wait(attempt, headers.get("Retry-After"), status)
                continue
            if status != 200:
                raise ServerError(f"{self.api} answered {status}: is it a wiki's api.php? "
                                  f"(--api, KZCT_API)")
            data = _json(body, self.api)
            error = data.get("error")
            if isinstance(error, dict):
                code = str(error.get("code", ""))
                if code in ("maxlag", "ratelimited") and not last:
                    self._wait(attempt, headers.get("Retry-After"), code)
                    continue
                raise ServerError(f"{self.host} refused the query: {code}: "
                                  f"{_one_line(str(error.get('info', '')))}")
            return data
        raise ServerError(f"{self.host} did not answer after {self.retries + 1} tries")

    def _wait(self, attempt: int, retry_after: str | None, why: object = None) -> None:
        wait = _retry_after(retry_after)
        if wait is None:
            wait = self.backoff * 2 ** attempt
        if wait > LONGEST_WAIT:
            raise ServerError(f"{self.host} asks kzct to wait {wait:.0f} s before trying again; "
                              "try again later")
        if why is not None and wait >= 1:  # a wait the user would notice: said why
            self.note(f"kzct: note: {self.host} answered {why}; trying again in {wait:g} s")
        self.sleep(wait)

    def _get(self, url: str, last: bool) -> tuple[int | None, Any, bytes]:
        """``(status, headers, body)``; ``(None, …)`` for a failure worth another try (a
        connection reset or timed out), unless this is the ``last`` try: then an error."""
        import http.client
        import socket
        import urllib.error
        import urllib.request

        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent, "Accept": "application/json", "Accept-Encoding": "gzip"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.headers, self._body(response)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.headers, b""
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ConnectionRefusedError):
                raise Unreachable(f"cannot connect to {self.host}: connection refused "
                                  "(is --api right?)") from None
            if isinstance(reason, socket.gaierror):
                raise Unreachable(f"cannot connect to {self.host}: no such host") from None
            if isinstance(reason, (TimeoutError, ConnectionResetError)) and not last:
                self.note(f"kzct: note: {self.host}: {reason}; trying again")
                return None, {}, b""
            raise Unreachable(f"cannot connect to {self.host}: {_one_line(str(reason))}") \
                from None
        except (TimeoutError, ConnectionResetError, http.client.HTTPException) as exc:
            if not last:
                self.note(f"kzct: note: {self.host}: {type(exc).__name__}; trying again")
                return None, {}, b""
            if isinstance(exc, TimeoutError):
                raise Unreachable(f"cannot connect to {self.host}: timed out") from None
            raise ServerError(f"{self.host} broke off its answer ({type(exc).__name__})") \
                from None
        except ValueError as exc:  # not a URL urllib can open (`--api ftp:…`, `--api x`)
            raise UsageError(f"--api {self.api!r} is not an http(s) URL: {exc}") from None

    def _body(self, response: Any) -> bytes:
        body: bytes = response.read(MOST_BYTES + 1)
        if len(body) > MOST_BYTES:
            raise ServerError(f"{self.host} answered more than {MOST_BYTES // 2**20} MB")
        if response.headers.get("Content-Encoding", "").lower() == "gzip":
            import gzip
            import zlib

            try:
                body = gzip.decompress(body)
            except (OSError, EOFError, zlib.error):
                raise ServerError(f"{self.host} answered a damaged gzip body") from None
        return body

    # -- one article ---------------------------------------------------------------------------
    def article(self, title: str | None = None, revid: int | None = None) -> _Article:
        """The current revision of page ``title``, or revision ``revid``."""
        if title is not None:
            check_title(title)
            data = self.query(titles=title)
            requested = title
        else:
            data = self.query(revids=str(revid))
            requested = f"revision {revid}"
        query = data.get("query")
        if not isinstance(query, dict):
            raise ServerError(f"{self.host} answered without a query result: is --api a "
                              "MediaWiki api.php?")
        if revid is not None and query.get("badrevids"):
            raise NotFound(f"{self.host} has no revision {revid}")
        if title is not None and query.get("interwiki"):
            raise UsageError(f"{title!r} is a title on another wiki, not a page of {self.host}")
        pages = query.get("pages")
        if isinstance(pages, dict):  # formatversion=1, from an API that ignored formatversion
            pages = list(pages.values())
        if not isinstance(pages, list) or not pages or not isinstance(pages[0], dict):
            if revid is not None:
                raise NotFound(f"{self.host} has no revision {revid}")
            raise ServerError(f"{self.host} answered without the page: is --api a MediaWiki "
                              "api.php?")
        page = pages[0]
        if page.get("invalid"):
            reason = _one_line(str(page.get("invalidreason") or "not a valid title"))
            raise UsageError(f"{title!r} is not a valid page title: {reason}")
        if page.get("special") or (isinstance(page.get("ns"), int) and page["ns"] < 0):
            raise UsageError(f"{page.get('title', title)!r} is a special page, not an article")
        if page.get("missing"):
            raise NotFound(f"{self.host} has no page {page.get('title', title)!r}; check the "
                           "title (its script, its spelling)")
        revision, text = self._revision(page, requested)
        redirected = any(isinstance(r, dict) for r in query.get("redirects") or [])
        return _Article(requested, text, revision, redirected)

    def _revision(self, page: dict[str, Any], requested: str) -> tuple[Revision, str]:
        revisions = page.get("revisions")
        if not isinstance(revisions, list) or not revisions or not isinstance(revisions[0],
                                                                              dict):
            raise ServerError(f"{self.host} answered no revision of {page.get('title')!r}")
        rev = revisions[0]
        main = (rev.get("slots") or {}).get("main") if isinstance(rev.get("slots"), dict) \
            else rev  # the old layout, without slots
        if not isinstance(main, dict) or main.get("texthidden") or main.get("missing"):
            raise NotFound(f"the text of {requested} on {self.host} is hidden or deleted")
        content = main.get("content")
        if not isinstance(content, str):
            raise ServerError(f"{self.host} answered no text for {requested}")
        model = main.get("contentmodel", "wikitext")
        if model != "wikitext":
            raise UsageError(f"{page.get('title')!r} is not wikitext (its content model is "
                             f"{model})")
        try:
            content.encode("utf-8")
        except UnicodeEncodeError:
            raise ServerError(f"{self.host} answered text that is not Unicode") from None
        revid = rev.get("revid")
        stamp = rev.get("timestamp")
        title = str(page.get("title") or requested)
        revid = revid if isinstance(revid, int) and not isinstance(revid, bool) else None
        return Revision(title=title, id=revid,
                        timestamp=stamp if isinstance(stamp, str) else None,
                        url=permalink(self.api, revid)), content


def check_title(title: str) -> None:
    """A title that cannot be sent as one: empty, or holding the API's value separator."""
    if not title.strip():
        raise UsageError("an empty title: give the title of a page, e.g. 恐怖主义与哈萨克斯坦")
    if any(sep in title for sep in _SEPARATORS):
        raise UsageError(f"{title!r} is not a valid page title: it holds '|'")


MOST_CONTACT = 200  # characters of KZCT_CONTACT: an address or a user page, not a letter


def user_agent(contact: str | None) -> str:
    """``kzct/0.1.0 (a command-line reader of Wikipedia articles; contact: CONTACT)
    Python-urllib/3.11``: kzct, its version, and the user's contact where given. A header holds
    ASCII only: line breaks and other controls become spaces, and what is not ASCII is
    percent-encoded as in a URL (`User:张三` → `User:%E5%BC%A0%E4%B8%89`, which the wiki reads as
    the page's address). A contact longer than ``MOST_CONTACT`` is a usage error."""
    about = ABOUT
    words = "".join(c if c.isprintable() else " " for c in contact or "").split()
    if words:
        from urllib.parse import quote

        clean = " ".join(words)
        if len(clean) > MOST_CONTACT:
            raise UsageError(f"KZCT_CONTACT is {len(clean):,} characters long: give an e-mail "
                             f"address or a user page (at most {MOST_CONTACT})")
        about += "; contact: " + quote(clean, safe="".join(map(chr, range(0x20, 0x7F))))
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return f"kzct/{__version__} ({about}) Python-urllib/{python}"


def permalink(api: str, revid: int | None) -> str | None:
    """The revision's permanent link: index.php beside api.php (`…/w/index.php?oldid=ID`)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(api)
    if revid is None or not parts.path.endswith("api.php"):
        return None
    path = parts.path[:-len("api.php")] + "index.php"
    return urlunsplit((parts.scheme, parts.netloc, path, f"oldid={revid}", ""))


def _json(body: bytes, api: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        raise ServerError(f"{api} answered something that is not JSON: is it a wiki's "
                          "api.php? (--api, KZCT_API)") from None
    if not isinstance(data, dict):
        raise ServerError(f"{api} answered JSON that is not the API's")
    return data


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait, from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def fetch(client: Client, titles: list[str], revisions: list[int],
          out: Path) -> list[Fetched]:
    """Fetch every article asked for, then write each into ``out`` (created if need be):
    nothing is written unless all were fetched. Two requests that are the same page are a
    usage error (each would overwrite the other)."""
    from kzct.errors import OutputError
    from kzct.provenance import safe_file_name, write_article

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {str(out)!r} is a file, not a directory")
    got = [client.article(title=t) for t in titles]
    got += [client.article(revid=r) for r in revisions]
    names: dict[str, str] = {}
    for item in got:
        name = safe_file_name(item.revision.title)
        if name in names:
            raise UsageError(f"{names[name]!r} and {item.requested!r} are both the page "
                             f"{item.revision.title!r}: fetch them into different --out "
                             "directories")
        names[name] = item.requested
        if item.redirected:
            client.note(f"kzct: note: {item.requested!r} redirects to {item.revision.title!r}")
    done = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for item in got:
            path = write_article(out, item.text, item.revision)
            done.append(Fetched(item.requested, item.revision.title, str(path), item.revision))
    except OSError as exc:
        raise OutputError(f"{out}: {exc.strerror or exc}") from None
    return done
