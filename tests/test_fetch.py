"""`kzct fetch` against a local server that answers as the MediaWiki Action API does
(formatversion=2), never the network: the text written byte for byte, its revision beside it,
redirects followed, polite retries, and a one-line error with its exit code for each failure,
with nothing written."""

from __future__ import annotations

import json
import os
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import SEED

TITLE = "恐怖主义与哈萨克斯坦"
REVID = 31264215
STAMP = "2014-04-13T12:33:35Z"


def page(title: str, text: str, revid: int = REVID, **query: object) -> dict:
    """An answer of action=query&prop=revisions for one page, as formatversion=2 gives it."""
    return {"batchcomplete": True, "query": {**query, "pages": [{
        "pageid": 1878540, "ns": 0, "title": title, "revisions": [{
            "revid": revid, "parentid": revid - 1, "timestamp": STAMP,
            "slots": {"main": {"contentmodel": "wikitext", "contentformat": "text/x-wiki",
                               "content": text}}}]}]}}


MISSING = {"batchcomplete": True, "query": {"pages": [
    {"ns": 0, "title": "不存在的条目", "missing": True}]}}
INVALID = {"batchcomplete": True, "query": {"pages": [
    {"title": "a<b", "invalidreason": "The requested page title contains invalid characters: "
     "\"<\".", "invalid": True}]}}
BAD_REVISION = {"batchcomplete": True, "query": {"badrevids": {
    "999": {"revid": 999, "missing": True}}}}


class Wiki:
    """A local api.php: for each value of `titles` (or `revids`), the answers to give in turn
    (the last one again and again), each ``(status, headers, JSON or None)``; it keeps the
    requests it was sent."""

    def __init__(self) -> None:
        self.answers: dict[str, list[tuple[int, dict[str, str], object]]] = {}
        self.requests: list[tuple[dict[str, list[str]], dict[str, str]]] = []
        wiki = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                query = parse_qs(urlsplit(self.path).query)
                wiki.requests.append((query, dict(self.headers)))
                key = (query.get("titles") or query.get("revids") or [""])[0]
                queue = wiki.answers.get(key) or [(404, {}, None)]
                status, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
                data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json; charset=utf-8",
                                    **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api = f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01},
                         daemon=True).start()

    def answer(self, key: str, *answers: tuple[int, dict[str, str], object]) -> None:
        self.answers[key] = list(answers)


@pytest.fixture
def wiki():
    server = Wiki()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_fetch_writes_the_served_text_and_its_revision(run, wiki, tmp_path) -> None:
    text = SEED.read_text(encoding="utf-8")
    wiki.answer(TITLE, (200, {}, page(TITLE, text)))
    out = tmp_path / "articles"
    result = run("fetch", TITLE, "--api", wiki.api, "--out", str(out))
    written = out / f"{TITLE}.wikitext"
    assert (result.code, result.out, result.err) == (0, f"{written}\n", "")
    assert written.read_bytes() == SEED.read_bytes()
    revision = {"title": TITLE, "id": REVID, "timestamp": STAMP,
                "url": wiki.api.replace("api.php", f"index.php?oldid={REVID}")}
    assert json.loads((out / f".{TITLE}.wikitext.revision.json").read_text()) == revision
    query, headers = wiki.requests[0]
    assert {k: v[0] for k, v in query.items()} == {
        "action": "query", "prop": "revisions", "rvprop": "ids|timestamp|content",
        "rvslots": "main", "redirects": "1", "format": "json", "formatversion": "2",
        "titles": TITLE}
    from kzct import __version__

    assert headers["User-Agent"].startswith(
        f"kzct/{__version__} (a command-line reader of Wikipedia articles) Python-urllib/3.")
    groups = run("--seed", str(out), "groups", "--json")
    assert (groups.code, groups.err, len(groups.json())) == (0, "", 14)
    sources = run("--seed", str(out), "sources", "--json").json()
    assert {json.dumps(s["revision"], sort_keys=True) for s in sources} == {
        json.dumps(revision, sort_keys=True)}
    table = run("--seed", str(out), "sources", "--limit", "1", env={"COLUMNS": "200"})
    assert table.out.rstrip().endswith(f"{written.name}: revision {REVID} of {TITLE}, {STAMP}, "
                                       f"{revision['url']}")
    card = run("--seed", str(out), "show", "Tusupbekov").out
    assert f"from: revision {REVID} of {TITLE}, {STAMP}" in card


def test_a_redirect_is_followed_and_json_says_what_was_fetched(run, wiki, tmp_path) -> None:
    wiki.answer("哈萨克斯坦恐怖主义", (200, {}, page(TITLE, "正文。", redirects=[
        {"from": "哈萨克斯坦恐怖主义", "to": TITLE}])))
    result = run("fetch", "哈萨克斯坦恐怖主义", "--out", str(tmp_path), "--json",
                 env={"KZCT_API": wiki.api})
    assert result.code == 0
    assert result.err == f"kzct: note: '哈萨克斯坦恐怖主义' redirects to '{TITLE}'\n"
    [fetched] = result.json()
    assert (fetched["requested"], fetched["title"], fetched["path"]) == (
        "哈萨克斯坦恐怖主义", TITLE, str(tmp_path / f"{TITLE}.wikitext"))
    assert fetched["revision"]["id"] == REVID
    assert (tmp_path / f"{TITLE}.wikitext").read_text(encoding="utf-8") == "正文。"


def test_a_revision_by_id(run, wiki, tmp_path) -> None:
    wiki.answer("1001", (200, {}, page(TITLE, "旧的正文。", revid=1001)))
    result = run("fetch", "--revision", "1001", "--api", wiki.api, "--out", str(tmp_path))
    assert (result.code, result.out) == (0, f"{tmp_path / TITLE}.wikitext\n")
    assert json.loads((tmp_path / f".{TITLE}.wikitext.revision.json").read_text())["id"] == 1001
    assert {k: v[0] for k, v in wiki.requests[0][0].items()}["revids"] == "1001"


def _refused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed on leaving: nothing listens there


@pytest.mark.parametrize(("key", "answers", "code", "message"), [
    ("不存在的条目", [(200, {}, MISSING)], 3, "127.0.0.1:{port} has no page '不存在的条目'; "
     "check the title (its script, its spelling)"),
    ("a<b", [(200, {}, INVALID)], 2, "'a<b' is not a valid page title: The requested page "
     "title contains invalid characters: \"<\"."),
    ("999", [(200, {}, BAD_REVISION)], 3, "127.0.0.1:{port} has no revision 999"),
    (TITLE, [(500, {"Retry-After": "0"}, None)], 6,
     "127.0.0.1:{port} answered 500 to each of 4 tries; try again later"),
    (TITLE, [(200, {}, None)], 6, "http://127.0.0.1:{port}/w/api.php answered something that "
     "is not JSON: is it a wiki's api.php? (--api, KZCT_API)"),
    (TITLE, [(404, {}, None)], 6, "http://127.0.0.1:{port}/w/api.php answered 404: is it a "
     "wiki's api.php? (--api, KZCT_API)"),
])
def test_each_failure_is_one_line_with_its_code_and_writes_nothing(
        run, wiki, tmp_path, key, answers, code, message) -> None:
    wiki.answer(key, *answers)
    wiki.answer(f"{TITLE}-ok", (200, {}, page(f"{TITLE}-ok", "正文。")))
    args = ["--revision", key] if key.isdigit() else [key]
    # a title fetched fine before the failing one is not written either
    result = run("fetch", f"{TITLE}-ok", *args, "--api", wiki.api, "--out", str(tmp_path))
    port = wiki.server.server_address[1]
    assert (result.code, result.out) == (code, "")
    assert result.err == f"kzct: error: {message.format(port=port)}\n"
    assert list(tmp_path.iterdir()) == []
    if code == 6 and answers[0][0] == 500:
        assert len([r for r in wiki.requests if r[0].get("titles") == [TITLE]]) == 4


def test_a_refused_connection(run, tmp_path) -> None:
    port = _refused_port()
    result = run("fetch", TITLE, "--api", f"http://127.0.0.1:{port}/w/api.php",
                 "--out", str(tmp_path / "out"))
    assert (result.code, result.out) == (5, "")
    assert result.err == (f"kzct: error: cannot connect to 127.0.0.1:{port}: connection "
                          "refused (is --api right?)\n")
    assert not (tmp_path / "out").exists()


def test_429_and_5xx_are_retried_after_retry_after_else_a_doubling_backoff(wiki) -> None:
    from kzct.fetch import Client

    wiki.answer(TITLE, (429, {"Retry-After": "7"}, None), (503, {}, None), (502, {}, None),
                (200, {}, page(TITLE, "正文。")))
    waits: list[float] = []
    notes: list[str] = []
    article = Client(wiki.api, sleep=waits.append, note=notes.append).article(title=TITLE)
    assert (article.text, article.revision.id) == ("正文。", REVID)
    assert waits == [7.0, 2.0, 4.0]  # Retry-After honoured; else 1 s doubled at each try
    assert notes[0] == f"kzct: note: 127.0.0.1:{wiki.server.server_address[1]} answered 429; " \
                       "trying again in 7 s"


def test_a_retry_after_beyond_reason_is_not_waited_for(wiki) -> None:
    from kzct.errors import ServerError
    from kzct.fetch import Client

    wiki.answer(TITLE, (429, {"Retry-After": "86400"}, None))
    waits: list[float] = []
    with pytest.raises(ServerError, match="asks kzct to wait 86400 s"):
        Client(wiki.api, sleep=waits.append).article(title=TITLE)
    assert waits == []


@pytest.mark.parametrize(("title", "name"), [
    ("../../etc/passwd", "%2E.%2F..%2Fetc%2Fpasswd.wikitext"),
    ("..", "%2E%2E.wikitext"),
    ("C:/x", "C%3A%2Fx.wikitext"),
    (".bashrc", "%2Ebashrc.wikitext"),
    ("Talk:Foo", "Talk%3AFoo.wikitext"),
    ("50% off", "50%25 off.wikitext"),
])
def test_titles_the_server_gives_never_leave_the_directory(run, wiki, tmp_path, title,
                                                          name) -> None:
    wiki.answer("x", (200, {}, page(title, "正文。")))
    out = tmp_path / "out"
    result = run("fetch", "x", "--api", wiki.api, "--out", str(out))
    assert result.code == 0
    assert {p.name for p in out.iterdir()} == {name, f".{name}.revision.json"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_long_titles_are_cut_with_a_checksum() -> None:
    from kzct.provenance import safe_file_name

    names = {safe_file_name("条" * 200 + tail) for tail in ("甲", "乙")}
    assert len(names) == 2
    assert all(len(n.encode()) + len(".revision.json") + 1 <= 255 for n in names)


def test_usage_errors(run, wiki, tmp_path) -> None:
    wiki.answer("x", (200, {}, page(TITLE, "正文。")))
    wiki.answer("y", (200, {}, page(TITLE, "正文。")))
    cases = [
        (["fetch"], "give a page title (or --revision ID): kzct fetch 恐怖主义与哈萨克斯坦"),
        (["fetch", "a|b", "--api", wiki.api], "'a|b' is not a valid page title: it holds '|'"),
        (["fetch", "x", "--api", "ftp://example.org/api.php"],
         "--api 'ftp://example.org/api.php' is not an http(s) URL of a wiki's api.php"),
        (["fetch", "x", "y", "--api", wiki.api, "--out", str(tmp_path)],
         f"'x' and 'y' are both the page '{TITLE}': fetch them into different --out "
         "directories"),
    ]
    for args, message in cases:
        result = run(*args)
        assert (result.code, result.out, result.err) == (2, "", f"kzct: error: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_the_user_agent_says_the_users_contact(run, wiki, tmp_path) -> None:
    """Wikimedia's User-Agent policy asks for a way to reach whoever sends the requests: the
    user gives it in KZCT_CONTACT (a control character, which a header cannot hold, dropped)."""
    from kzct import __version__

    wiki.answer(TITLE, (200, {}, page(TITLE, "短文。")))
    result = run("fetch", TITLE, "--api", wiki.api, "--out", str(tmp_path),
                 env={"KZCT_CONTACT": "Example <someone@example.org>\n"})
    assert result.code == 0, result.err
    _query, headers = wiki.requests[-1]
    assert headers["User-Agent"].startswith(
        f"kzct/{__version__} (a command-line reader of Wikipedia articles; "
        "contact: Example <someone@example.org>) Python-urllib/3.")
    # a header holds ASCII: a user page in Chinese is percent-encoded, as in its address; a
    # line break is a space, never a header of its own
    result = run("fetch", TITLE, "--api", wiki.api, "--out", str(tmp_path),
                 env={"KZCT_CONTACT": "User:张三\nX-Injected: 1"})
    assert result.code == 0, result.err
    _query, headers = wiki.requests[-1]
    assert "contact: User:%E5%BC%A0%E4%B8%89 X-Injected: 1)" in headers["User-Agent"]
    assert "X-Injected" not in headers
    long = run("fetch", TITLE, "--api", wiki.api, "--out", str(tmp_path),
               env={"KZCT_CONTACT": "x" * 201})
    assert (long.code, long.err) == (2, "kzct: error: KZCT_CONTACT is 201 characters long: give "
                                        "an e-mail address or a user page (at most 200)\n")


def test_fetched_files_get_the_permissions_the_umask_gives(run, wiki, tmp_path) -> None:
    wiki.answer(TITLE, (200, {}, page(TITLE, "短文。")))
    before = os.umask(0o027)
    try:
        result = run("fetch", TITLE, "--api", wiki.api, "--out", str(tmp_path))
    finally:
        os.umask(before)
    assert result.code == 0, result.err
    written = tmp_path / f"{TITLE}.wikitext"
    assert oct(written.stat().st_mode & 0o777) == "0o640"  # not a temporary file's 0600
    assert oct((tmp_path / f".{TITLE}.wikitext.revision.json").stat().st_mode & 0o777) == "0o640"
