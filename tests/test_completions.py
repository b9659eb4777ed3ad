"""Shell completion: the committed scripts in completions/, driven in real bash, zsh and fish.

Each shell loads the committed script and completes through its own machinery, running the
installed ``kzct`` console script (the one next to this Python) against a cache where the index was
built once, so that values complete. A shell that is not installed has its tests skipped, with the
reason; .ci/run installs zsh and fish.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, fresh_cache, own

COMPLETIONS = ROOT / "completions"
BASH_SCRIPT = COMPLETIONS / "kzct.bash"
ZSH_SCRIPT = COMPLETIONS / "_kzct"
FISH_SCRIPT = COMPLETIONS / "kzct.fish"
KZCT = Path(sys.executable).parent / "kzct"
YEARS_200X = ["2000", "2001", "2002", "2003", "2004", "2005", "2006"]


def _shell(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed, so its completion cannot be tested here "
                    f"(.ci/run installs it)")
    return path


@pytest.fixture(scope="module")
def shell_env(tmp_path_factory: pytest.TempPathFactory, places_file) -> dict[str, str]:
    """The environment of a user's shell: `kzct` first on PATH, an index built in the cache."""
    assert KZCT.is_file(), f"the kzct console script is not installed next to {sys.executable}"
    home = tmp_path_factory.mktemp("completion-home")
    fresh_cache(home / "cache", places_file)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KZCT_", "_KZCT_", "_TYPER_", "COMP_"))}
    env.update({
        "PATH": f"{KZCT.parent}{os.pathsep}{env.get('PATH', os.defpath)}",
        "HOME": str(home), "ZDOTDIR": str(home), "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "xdg-cache"),
        "KZCT_CACHE_DIR": str(home / "cache"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "TERM": "dumb", "INPUTRC": os.devnull, "HISTFILE": os.devnull,
    })
    proc = subprocess.run([str(KZCT), "groups", "--json"], env=env, cwd=home, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert list(own(home / "cache").glob("words-*.json")), "building the index wrote no words file"
    return env


# -- the committed scripts -------------------------------------------------------------------------

def test_committed_scripts_are_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_completions.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, (
        f"completions/ is out of date; run: python scripts/gen_completions.py\n{proc.stderr}")


@pytest.mark.parametrize(("shell", "path"), [("bash", BASH_SCRIPT), ("zsh", ZSH_SCRIPT),
                                             ("fish", FISH_SCRIPT)])
def test_kzct_completion_prints_the_committed_script(run, shell: str, path: Path) -> None:
    result = run("completion", shell)
    assert (result.code, result.err) == (0, "")
    assert result.out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--install-completion", "zsh"], ["--show-completion"],
                                  ["completion", "tcsh"], ["completion"]])
def test_typer_completion_options_are_gone(run, args) -> None:
    result = run(*args)
    assert result.code == 2 and result.out == "" and result.err.startswith("kzct: error: ")


# -- a completion request stays light --------------------------------------------------------------

DRIVER = """
import json, os, sys
import kzct.face.cli
try:
    kzct.face.cli.main([])
except SystemExit:
    pass
sys.stdout.flush()
with open(os.environ["MODULES_OUT"], "w") as f:
    json.dump(sorted(sys.modules), f)
"""
HEAVY = ("rich", "mwparserfromhell", "rapidfuzz", "opencc", "kzct.face.render", "kzct.face.views",
         "kzct.queries.search", "kzct.build", "kzct.parse.wikitext", "kzct.store.cache", "kzct.extract")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_completion_request_imports_nothing_heavy(shell_env, tmp_path, shell) -> None:
    env = {**shell_env, "_KZCT_COMPLETE": f"complete_{shell}",
           "MODULES_OUT": str(tmp_path / "modules.json")}
    if shell == "bash":
        env.update(COMP_WORDS="kzct\ntimeline\n--year\n", COMP_CWORD="3")
    else:  # fish's `string join` ends with a newline of its own
        env.update(_KZCT_COMPLETE_ARGS="kzct\ntimeline\n--year\n" + ("\n" if shell == "fish" else ""))
    # Run outside the checkout, so that `import kzct` is the installed kzct, as the console
    # script that built the cache imports it (CI installs a wheel, not the source tree).
    proc = subprocess.run([sys.executable, "-c", DRIVER], env=env, capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "2006" in proc.stdout, proc.stdout
    modules = json.loads((tmp_path / "modules.json").read_text())
    heavy = [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []


def test_the_codes_of_check_complete_with_what_they_find(shell_env, tmp_path) -> None:
    env = {**shell_env, "_KZCT_COMPLETE": "complete_fish", "MODULES_OUT": str(tmp_path / "m.json"),
           "_KZCT_COMPLETE_ARGS": "kzct\ncheck\n--ignore\nD1\n"}
    proc = subprocess.run([sys.executable, "-c", DRIVER], env=env, capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert proc.stdout == ("words\nD101\ta date that had to be corrected to be read\n"
                           "D102\ta month and day with no year in reach\n"
                           "D103\ta date no calendar has (`13月5日`, `2月30日`)\n")
    modules = json.loads((tmp_path / "m.json").read_text())
    assert [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)] == []


def _answer(env: dict[str, str], line: str) -> tuple[str, list[str]]:
    """kzct's own answer to a bash TAB at the end of ``line``: ``words`` or ``files``, and the
    candidates."""
    words = line.split(" ")
    env = {**env, "_KZCT_COMPLETE": "complete_bash", "COMP_WORDS": "\n".join(words),
           "COMP_CWORD": str(len(words) - 1)}
    proc = subprocess.run([str(KZCT)], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    kind, *candidates = proc.stdout.splitlines()
    return kind, [c for c in candidates if c]


def _complete_bash_env(env: dict[str, str], line: str) -> list[str]:
    kind, candidates = _answer(env, line)
    assert kind == "words"
    return candidates


def test_without_a_words_file_values_complete_to_nothing(shell_env, tmp_path) -> None:
    env = {**shell_env, "KZCT_CACHE_DIR": str(tmp_path / "empty")}
    assert _complete_bash_env(env, "kzct ti") == ["timeline"]
    assert _complete_bash_env(env, "kzct timeline --y") == ["--year"]
    assert _complete_bash_env(env, "kzct timeline --year ") == []
    assert _complete_bash_env(env, "kzct show Hizb") == []
    assert not (tmp_path / "empty").exists()  # and the request built nothing


@pytest.mark.parametrize("line", [
    "kzct timeline --from ", "kzct timeline --to 20", "kzct timeline --limit ",
    "kzct search --min-score ", "kzct show Hizb\\ ut-Tahrir ", "kzct show Nazarbayev --json ",
    "kzct help groups ", "kzct completion bash ", "kzct timeline --grep x"])
def test_no_file_names_where_no_file_is_meant(shell_env, line) -> None:
    """Only --seed takes a file; elsewhere an empty answer must not become the shell's file
    name completion."""
    assert _answer(shell_env, line) == ("words", [])


@pytest.mark.parametrize("line", ["kzct --seed ", "kzct groups --seed ", "kzct --seed=se"])
def test_seed_completes_file_names(shell_env, line) -> None:
    assert _answer(shell_env, line) == ("files", [])


def test_global_options_complete_after_the_command(shell_env) -> None:
    assert _complete_bash_env(shell_env, "kzct groups --no-") == ["--no-header", "--no-cache",
                                                                 "--no-pager"]
    assert _complete_bash_env(shell_env, "kzct help ti") == ["timeline"]
    assert _complete_bash_env(shell_env, "kzct completion z") == ["zsh"]
    assert _complete_bash_env(shell_env, "kzct cache c") == ["clear"]


def test_values_follow_the_seed_of_the_command_line(shell_env, tmp_path) -> None:
    seed = tmp_path / "other.wikitext"
    seed.write_text("== 2019年 ==\n2019年5月1日，[[阿拉木图]]发生爆炸。\n\n"
                    "2021年3月2日，[[阿斯塔纳]]警方逮捕三人。\n", encoding="utf-8")
    built = subprocess.run([str(KZCT), "--seed", str(seed), "timeline", "--json"], env=shell_env,
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    years = sorted({event["date"][:4] for event in json.loads(built.stdout)})
    assert years == ["2019", "2021"]
    assert "2006" in _complete_bash_env(shell_env, "kzct timeline --year ")
    assert _complete_bash_env(shell_env, f"kzct --seed {seed} timeline --year ") == years
    assert _complete_bash_env({**shell_env, "KZCT_SEED": str(tmp_path)},
                              "kzct timeline --year ") == years


# -- the words file --------------------------------------------------------------------------------

def test_building_the_index_writes_the_words(run) -> None:
    from kzct.face.complete import seed_files
    from kzct.store.cache import kzct_dir as cache_dir
    from kzct.words import read_words, seed_set, words_path

    seeds = seed_set(seed_files())
    assert run("groups", "--json").code == 0
    words = read_words(seeds, str(cache_dir()))
    assert words is not None
    assert "2006" in words["years"] and "2011" in words["years"]
    assert {"阿拉木图", "Almaty", "Astana"} <= set(words["places"])
    assert {"伊扎布特", "Hizb ut-Tahrir", "Islamic Movement of Uzbekistan"} <= set(words["groups"])
    names = {name for entity in words["entities"] for name in entity}
    assert {"Nursultan Nazarbayev", "纳扎尔巴耶夫", "Nazarbayev", "Hizb ut-Tahrir"} <= names
    nazarbayev = next(e for e in words["entities"] if "Nazarbaev" in e)
    assert nazarbayev[0] == "Nursultan Nazarbayev"  # the full name first
    # Gone (or stale) with the index still cached: the next command writes it again.
    path = Path(words_path(str(cache_dir()), seeds))
    path.unlink()
    assert run("groups", "--json").code == 0
    assert read_words(seeds, str(cache_dir())) == words


def test_seed_files_agree_with_the_loader(tmp_path, monkeypatch) -> None:
    from kzct.face.complete import seed_files
    from kzct.seeds import seed_paths

    (tmp_path / "b.wikitext").write_text("b")
    (tmp_path / "a.wikitext").write_text("a")
    (tmp_path / "c.WIKI").write_text("c")
    (tmp_path / "README.md").write_text("not an article")
    (tmp_path / ".hidden").write_text("x")
    one = tmp_path / "one.wikitext"
    one.write_text("x")
    assert seed_files() == [str(p) for p in seed_paths()]
    for cli in ([one], [tmp_path], [tmp_path, one], [one, one], [one, tmp_path / "." / one.name]):
        assert seed_files([str(p) for p in cli]) == [str(p) for p in seed_paths(cli)]
    value = f"{tmp_path}{os.pathsep}{one}"
    assert seed_files(None, value) == [str(p) for p in seed_paths(None, value)]


def test_cache_dir_agrees_with_the_cache(tmp_path, monkeypatch) -> None:
    from kzct.face import complete
    from kzct.store import cache

    assert complete.cache_dir() == str(cache.kzct_dir())
    monkeypatch.delenv("KZCT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert complete.cache_dir() == str(cache.kzct_dir())
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert complete.cache_dir() == str(cache.kzct_dir())


# -- bash ------------------------------------------------------------------------------------------

BASH_DRIVER = r"""
source "$1"; shift
spec=$(complete -p kzct) || exit 3
func=${spec##*-F }; func=${func%% *}
COMP_WORDS=("$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
"$func" kzct "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


@pytest.mark.parametrize(("words", "expected"), [
    (["kzct", "ti"], ["timeline"]),
    (["kzct", "timeline", "--y"], ["--year"]),
    (["kzct", "timeline", "--year", "200"], YEARS_200X),
    (["kzct", "search", "--kind", "p"], ["person", "place"]),
    # the names of one entity complete to its full name, from any word of it
    (["kzct", "show", "Nazar"], ["Nursultan\\ Nazarbayev"]),
    (["kzct", "show", "Vla"], ["Vladimir\\ Bozhko", "Vladimir\\ Kazimirchuk"]),
    (["kzct", "show", "Nazarbayev", ""], []),
    (["kzct", "timeline", "--from", ""], []),
    (["kzct", "timeline", "--place", "阿拉"], ["阿拉木图", "阿拉木图州"]),
    (["kzct", "timeline", "--group", "伊扎"], ["伊扎布特"]),
    # a candidate with spaces is escaped, as bash would write it by hand ...
    (["kzct", "timeline", "--group", "Hizb"], ["Hizb\\ ut-Tahrir"]),
    (["kzct", "show", "Islamic\\ M"], ["Islamic\\ Movement\\ of\\ Uzbekistan"]),
    # ... but not inside a quote the user opened: bash closes it
    (["kzct", "show", '"Islamic M'], ["Islamic Movement of Uzbekistan"]),
    # the codes of check, one after another joined by commas
    (["kzct", "check", "--ignore", "T"], ["T101", "T102", "T103", "T104"]),
    (["kzct", "check", "--ignore", "R301,D"], ["R301,D101", "R301,D102", "R301,D103"]),
])
def test_bash(shell_env, words, expected) -> None:
    bash = _shell("bash")
    proc = subprocess.run([bash, "--norc", "--noprofile", "-c", BASH_DRIVER, "bash",
                           str(BASH_SCRIPT), *words], env=shell_env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert sorted(line for line in proc.stdout.splitlines() if line) == sorted(expected)


# -- interactive shells on a pseudo-terminal -------------------------------------------------------

class Terminal:
    """An interactive shell on a pseudo-terminal, typed into like a user would."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        import pty

        try:
            self.master, slave = pty.openpty()
        except OSError as exc:
            pytest.skip(f"no pseudo-terminal to run an interactive {argv[0]} on: {exc}")
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=cwd, start_new_session=True, preexec_fn=_controlling_tty)
        os.close(slave)
        self.transcript = b""

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode("utf-8"))

    def _drain(self, wait: float) -> None:
        ready, _, _ = select.select([self.master], [], [], wait)
        if ready:
            try:
                self.transcript += os.read(self.master, 65536)
            except OSError:
                pass

    def wait_for(self, path: Path, timeout: float = 30.0) -> str:
        """The content of ``path`` once the shell wrote it (then removed, for the next one)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._drain(0.02)
            # the shell writes one line: wait for its end, not only for the file
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            if text.endswith("\n"):
                path.unlink()
                return text
            if self.proc.poll() is not None:
                break
        raise AssertionError(f"the shell did not write {path.name}; it showed:\n"
                             + self.transcript.decode("utf-8", "replace")[-3000:])

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)
        os.close(self.master)


def _controlling_tty() -> None:
    import fcntl
    import termios

    try:  # fish insists on one; bash and zsh do without
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    except OSError:
        pass


def _type_and_read(term: Terminal, out: Path, typed: str) -> str:
    """Type ``typed``, TAB, then ^T (bound to write the command line to ``out``); clear it."""
    term.type(typed + "\t\x14")
    line = term.wait_for(out)
    term.type("\x15")  # ^U: clear the line for the next one
    return line.rstrip("\n")


# What the command line becomes after one TAB: unique completions, inserted by the shell.
INSERTED = [
    ("kzct ti", "kzct timeline "),
    ("kzct timeline --y", "kzct timeline --year "),
    ("kzct timeline --year 201", "kzct timeline --year 2011 "),
    ("kzct timeline --place 阿斯", "kzct timeline --place 阿斯塔纳 "),
    ("kzct timeline --group Hizb", "kzct timeline --group Hizb\\ ut-Tahrir "),
    ('kzct show "Islamic M', 'kzct show "Islamic Movement of Uzbekistan" '),
    ("kzct show Nazar", "kzct show Nursultan\\ Nazarbayev "),
    ("kzct check --ignore R30", "kzct check --ignore R301 "),
]


def test_bash_interactive(shell_env, tmp_path) -> None:
    bash = _shell("bash")
    out, ready = tmp_path / "line", tmp_path / "ready"
    term = Terminal([bash, "--norc", "--noprofile", "-i"], shell_env, tmp_path)
    try:
        term.type(f"source '{BASH_SCRIPT}'; "
                  f"bind -x '\"\\C-t\": printf \"%s\\n\" \"$READLINE_LINE\" > \"{out}\"'; "
                  f"echo ok > '{ready}'\n")
        term.wait_for(ready)
        got = [(typed, _type_and_read(term, out, typed)) for typed, _ in INSERTED]
    finally:
        term.close()
    assert got == INSERTED


# zsh: a compadd that also records the candidates it is given (after zsh's own filtering), as
# zsh-capture-completion does, so that lists show as well as single insertions.
ZSH_SETUP = """
compadd () {{
  if [[ ${{@[1,(i)(-|--)]}} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- $__hits >> '{hits}'
  builtin compadd "$@"
}}
{load}
dump () {{ print -r -- "$BUFFER" >| '{out}' }}
zle -N dump
bindkey '^T' dump
print -r -- ok >| '{ready}'
"""


@pytest.mark.parametrize("load", ["fpath", "source"])
def test_zsh(shell_env, tmp_path, load) -> None:
    zsh = _shell("zsh")
    out, ready, hits = tmp_path / "line", tmp_path / "ready", tmp_path / "hits"
    if load == "fpath":  # installed as a completion function, as --install-completion does
        functions = tmp_path / "zfunc"
        functions.mkdir()
        shutil.copy(ZSH_SCRIPT, functions / "_kzct")
        setup = f"fpath=('{functions}' $fpath); autoload -U compinit && compinit -u -D"
    else:
        setup = f"autoload -U compinit && compinit -u -D; source '{ZSH_SCRIPT}'"
    # sourced, the script is the same function: what it inserts and lists is tested once, as
    # installed; sourced, that it loads and completes a command and a value
    inserted = INSERTED if load == "fpath" else [INSERTED[0], INSERTED[2]]
    term = Terminal([zsh, "-f", "-i"], shell_env, tmp_path)
    try:
        term.type(ZSH_SETUP.format(hits=hits, out=out, ready=ready, load=setup))
        term.wait_for(ready)
        got = [(typed, _type_and_read(term, out, typed)) for typed, _ in inserted]

        def candidates(typed: str) -> list[str]:
            hits.unlink(missing_ok=True)
            line = _type_and_read(term, out, typed)
            assert line == typed  # ambiguous: nothing more to insert
            return sorted(hits.read_text(encoding="utf-8").split()) if hits.exists() else []

        if load == "fpath":
            years = candidates("kzct timeline --year 200")
            kinds = candidates("kzct search --kind p")
            names = candidates("kzct show 纳")
    finally:
        term.close()
    assert got == inserted
    if load == "fpath":
        assert years == YEARS_200X
        assert kinds == ["person", "place"]
        assert names == sorted(["纳扎尔巴耶夫", "纳拉亚南"])


# -- fish ------------------------------------------------------------------------------------------

FISH_QUERIES = {
    "kzct ti": ["timeline"],
    "kzct timeline --y": ["--year"],
    "kzct timeline --year 200": YEARS_200X,
    "kzct search --kind p": ["person", "place"],
    "kzct show Nazar": ["Nursultan Nazarbayev"],
    "kzct show Nazarbayev ": [],
    "kzct timeline --limit ": [],
    "kzct timeline --place 阿拉": ["阿拉木图", "阿拉木图州"],
    "kzct timeline --group Hizb\\ u": ["Hizb ut-Tahrir"],
    'kzct show "Islamic M': ["Islamic Movement of Uzbekistan"],
    "kzct check --ignore S": ["S101", "S102", "S103", "S104", "S105", "S106"],
}


def test_fish(shell_env) -> None:
    fish = _shell("fish")
    script = [f"source {_fish_quote(str(FISH_SCRIPT))}"]
    for query in FISH_QUERIES:
        script += ["echo '<<query>>'", f"complete -C {_fish_quote(query)}"]
    proc = subprocess.run([fish, "--no-config", "-c", "\n".join(script)], env=shell_env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    answers = proc.stdout.split("<<query>>\n")[1:]
    got = {q: sorted(line.split("\t")[0] for line in a.splitlines() if line)
           for q, a in zip(FISH_QUERIES, answers)}
    assert got == FISH_QUERIES


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def test_fish_interactive(shell_env, tmp_path) -> None:
    fish = _shell("fish")
    out, ready = tmp_path / "line", tmp_path / "ready"
    term = Terminal([fish, "--no-config", "-i"], shell_env, tmp_path)
    try:
        term.type(f"source {_fish_quote(str(FISH_SCRIPT))}; "
                  f"bind \\ct \"commandline > '{out}'\"; "
                  f"echo ok > {_fish_quote(str(ready))}\n")
        term.wait_for(ready)
        got = [(typed, _type_and_read(term, out, typed)) for typed, _ in INSERTED]
    finally:
        term.close()
    assert got == INSERTED
