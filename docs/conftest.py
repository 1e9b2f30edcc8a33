"""Run the code in the documentation: ``python -m pytest docs``.

Every ``*.md`` page under ``docs/`` is one test.  Its fenced code blocks
run in order, in a fresh temporary directory, sharing one namespace:

* ``python`` or ``pycon`` blocks with ``>>>`` prompts are doctests (with
  ``ELLIPSIS`` and ``NORMALIZE_WHITESPACE``);
* other ``python`` blocks are executed as they are;
* ``console`` blocks hold ``$ command`` lines, each followed by the output
  it must print (standard output and standard error together); they run
  in ``bash`` with this interpreter's ``bin`` directory first on ``PATH``.

A MyST comment line just above a block changes that:
``% doctest: skip`` leaves the block out, and ``% doctest: requires pandas
dask`` runs it only when those modules can be imported (the test is
skipped otherwise).  Blocks in other languages (``text``, ``json``,
``sh``) are not run.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

__all__ = ["Block", "blocks", "pytest_collect_file"]

_FENCE = regex.compile(
    r"^(?P<fence>`{3,}|~{3,})(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    regex.MULTILINE | regex.DOTALL,
)
_DIRECTIVE = regex.compile(r"% doctest: (?P<what>skip|requires)(?P<args>(?: [\w.]+)*)[ \t]*\n[ \t]*\Z")
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_RUN = frozenset({"python", "pycon", "console"})
#: Pages of measured figures (timings, counts over the corpus): their blocks
#: show runs on one machine and are not meant to be repeated here.
_MEASUREMENTS = frozenset({"performance.md", "diagnostics-frequency.md"})


class Block:
    """A fenced code block of a page: language, text, first line, and its directive."""

    def __init__(self, lang: str, body: str, line: int, skip: bool, requires: tuple[str, ...]) -> None:
        self.lang, self.body, self.line, self.skip, self.requires = lang, body, line, skip, requires


def blocks(text: str) -> Iterator[Block]:
    """The runnable code blocks of a markdown page, in order."""
    for m in _FENCE.finditer(text):
        lang = m.group("lang")
        if lang not in _RUN:
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        d = _DIRECTIVE.search(before)
        skip = d is not None and d.group("what") == "skip"
        requires = tuple(d.group("args").split()) if d is not None and d.group("what") == "requires" else ()
        line = text.count("\n", 0, m.start("body")) + 1
        yield Block(lang, m.group("body"), line, skip, requires)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.File | None:
    """Collect every markdown page of the documentation."""
    if file_path.suffix == ".md" and "_build" not in file_path.parts and file_path.name not in _MEASUREMENTS:
        page: pytest.File = MarkdownPage.from_parent(parent, path=file_path)
        return page
    return None


class MarkdownPage(pytest.File):
    """A page of the documentation: one test running all its blocks."""

    def collect(self) -> Iterator[pytest.Item]:
        """One item per page: the blocks depend on one another."""
        yield PageItem.from_parent(self, name=self.path.name)


class PageItem(pytest.Item):
    """Run the blocks of one page in order."""

    def runtest(self) -> None:
        """Run every block; the first failure ends the test."""
        text = self.path.read_text(encoding="utf-8")
        found = [b for b in blocks(text) if not b.skip]
        missing = sorted({name for b in found for name in b.requires if importlib.util.find_spec(name) is None})
        if missing:
            found = [b for b in found if not set(b.requires) & set(missing)]
        namespace: dict[str, Any] = {"__name__": "__docs__"}
        cwd = os.getcwd()
        with tempfile.TemporaryDirectory() as folder:
            os.chdir(folder)
            try:
                for block in found:
                    _run(self.path, block, namespace, folder)
            finally:
                os.chdir(cwd)
        if missing:
            pytest.skip(f"the other blocks passed; blocks needing {', '.join(missing)} were not run")

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the test is."""
        return self.path, 0, f"[docs] {self.path.name}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The failing block's own message, not a traceback into this plugin."""
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))


class BlockFailure(Exception):
    """A block printed something other than the page says."""


def _run(path: Path, block: Block, namespace: dict[str, Any], folder: str) -> None:
    where = f"{path}:{block.line}"
    if block.lang == "console":
        _run_console(where, block, folder)
    elif ">>>" in block.body:
        _run_doctest(path, block, namespace)
    else:
        try:
            exec(compile(block.body, where, "exec"), namespace)
        except Exception as exc:
            raise BlockFailure(f"{where}: the block raised {type(exc).__name__}: {exc}") from exc


def _run_doctest(path: Path, block: Block, namespace: dict[str, Any]) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.body, namespace, path.name, str(path), block.line - 1)
    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=_FLAGS)
    runner.run(test, out=out.append, clear_globs=False)
    # A DocTest runs in a copy of the namespace; later blocks need its names.
    namespace.update(test.globs)
    if runner.failures:
        raise BlockFailure("".join(out))


def _run_console(where: str, block: Block, folder: str) -> None:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["COLUMNS"] = "80"
    env.pop("FORCE_COLOR", None)
    checker = doctest.OutputChecker()
    for number, command, expected in _commands(block):
        done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, check=False, timeout=300)
        got = done.stdout + done.stderr
        if not checker.check_output(expected, got, doctest.ELLIPSIS):
            raise BlockFailure(f"{where}: line {number}: $ {command}\nexpected:\n{expected}\ngot:\n{got}")


def _commands(block: Block) -> Iterator[tuple[int, str, str]]:
    command: str | None = None
    start = 0
    expected: list[str] = []
    for i, line in enumerate(block.body.splitlines(), block.line):
        if line.startswith("$ "):
            if command is not None:
                yield start, command, _text(expected)
            command, start, expected = line[2:], i, []
        elif command is not None:
            expected.append(line)
    if command is not None:
        yield start, command, _text(expected)


def _text(lines: list[str]) -> str:
    return "".join(line.rstrip() + "\n" for line in lines)
