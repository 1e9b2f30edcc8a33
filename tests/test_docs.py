"""The documentation is complete and true.

* every diagnostic code has an explanation and an example in the
  diagnostics reference, and every example reports its code;
* every public name has a docstring, and every name of
  ``cableparse.__all__`` is on the API page;
* the command line and JSON Schema references list every option and field;
* the README opens with its two commands.

The code on the pages themselves runs with ``python -m pytest docs``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import inspect
import json
import pkgutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import cableparse
import cableparse.fields
from cableparse import cli

from .conftest import corpus_pages, requires_corpus

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _load(name: str) -> ModuleType:
    """A module of ``docs/_ext`` (not a package: Sphinx puts the folder on the path)."""
    folder = str(DOCS / "_ext")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


examples: Any = _load("diagnostic_examples")
generator: Any = _load("cableparse_docs")


# --------------------------------------------------------------------------
# Diagnostics reference


def test_every_code_has_an_entry() -> None:
    assert sorted(set(cableparse.CODES) - set(examples.ENTRIES)) == []
    assert sorted(set(examples.ENTRIES) - set(cableparse.CODES)) == []


def test_entries_are_grouped_once() -> None:
    codes = [code for group in examples.GROUPS.values() for code in group]
    assert len(codes) == len(set(codes))


@pytest.fixture(scope="module")
def reference() -> str:
    """The generated diagnostics reference (it runs every example once)."""
    text: str = generator.diagnostics_reference()
    return text


@pytest.mark.parametrize("code", sorted(cableparse.CODES))
def test_reference_section_per_code(code: str, reference: str) -> None:
    text = reference
    assert f"### `{code}`" in text
    section = text.split(f"### `{code}`", 1)[1].split("### `", 1)[0]
    assert f"**{cableparse.CODES[code].severity.value}**" in section
    assert "In the corpus:" in section


_WITH_EXAMPLES = sorted(code for code, entry in examples.ENTRIES.items() if entry.example is not None)


@pytest.mark.parametrize("code", _WITH_EXAMPLES)
def test_example_reports_its_code(code: str) -> None:
    example = examples.ENTRIES[code].example
    assert examples.reports(code, example), examples.run_example(example)
    shown = examples.output(code, example)
    assert f"[{code}]" in shown


def test_codes_without_example_are_the_unreachable_ones() -> None:
    # Only failures that no input is meant to cause have no example.
    assert sorted(set(examples.ENTRIES) - set(_WITH_EXAMPLES)) == ["input-timeout", "internal-error"]


@requires_corpus
def test_frequency_is_measured_when_the_corpus_is_present() -> None:
    figures = generator.frequency()
    assert figures["measured"] is True
    assert figures["pages"] == len(corpus_pages())
    assert figures["codes"]["markdown-pilcrow"][0] > 0


def test_base_cable_is_clean() -> None:
    assert cableparse.parse(examples.BASE).diagnostics == ()


def test_variant_refuses_text_not_in_the_cable() -> None:
    with pytest.raises(ValueError, match="not in the example cable"):
        examples.variant("NOT THERE", "X")


def test_frequency_table_lists_every_code() -> None:
    table = generator.diagnostics_table()
    for code in cableparse.CODES:
        assert f"[`{code}`](#{code})" in table


def test_frequency_page_is_read_without_the_corpus() -> None:
    figures = generator._from_table((DOCS / "diagnostics-frequency.md").read_text(encoding="utf-8"))
    assert figures["pages"] > 0
    assert figures["codes"], "no row of the frequency page was read"
    assert set(figures["codes"]) <= set(cableparse.CODES)
    for pages, count in figures["codes"].values():
        assert 0 < pages <= min(count, figures["pages"])


def test_frequency_table_sums_severities() -> None:
    page = (
        "Lenient parse of the 7 Cablegate HTML pages.\n\n| `a-b` | warning | 3 | 2 |\n| `a-b` | info | 4 | 3 |\n| `c` | error | 1 | 1 |\n"
    )
    assert generator._from_table(page) == {"pages": 7, "codes": {"a-b": [3, 7], "c": [1, 1]}, "measured": False}


def test_summary_markup_is_escaped() -> None:
    # Summaries are plain text: "[1](#)" must not become a link.
    assert generator._plain("a [1](#) b") == "a \\[1\\](\\#) b"


# --------------------------------------------------------------------------
# Docstrings and the API page


def _public_modules() -> list[ModuleType]:
    names = ["cableparse"]
    for package in ("cableparse", "cableparse.fields", "cableparse.sources", "cableparse.commands"):
        module = importlib.import_module(package)
        names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__) if m.name != "__main__"]
    if importlib.util.find_spec("hypothesis") is None:
        names.remove("cableparse.strategies")
    return [importlib.import_module(name) for name in dict.fromkeys(names)]


def _public_objects() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                found.append((f"{module.__name__}.{name}", obj))
    return found


@pytest.mark.parametrize(("name", "obj"), _public_objects(), ids=lambda value: value if isinstance(value, str) else "")
def test_public_name_has_a_docstring(name: str, obj: object) -> None:
    doc = obj.__doc__ if inspect.isclass(obj) else inspect.getdoc(obj)
    assert doc and doc.strip(), f"{name} has no docstring"


def test_public_modules_have_docstrings() -> None:
    assert [m.__name__ for m in _public_modules() if not (m.__doc__ or "").strip()] == []


def test_every_public_name_is_on_the_api_page() -> None:
    page = (DOCS / "api" / "index.md").read_text(encoding="utf-8")
    missing = [
        name
        for name in cableparse.__all__
        if not any(
            f"{directive} cableparse.{name}\n" in page for directive in ("autofunction::", "autoclass::", "autoexception::", "py:data::")
        )
    ]
    assert missing == []


def test_every_field_module_is_on_the_fields_page() -> None:
    page = (DOCS / "api" / "fields.md").read_text(encoding="utf-8")
    modules = [m.name for m in pkgutil.iter_modules(cableparse.fields.__path__)]
    assert [m for m in modules if f".. automodule:: cableparse.fields.{m}\n" not in page] == []


# --------------------------------------------------------------------------
# Command line and schema references


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


def test_cli_reference_lists_every_subcommand_and_option() -> None:
    text = generator.cli_reference()
    for name, sub in _subparsers(cli.build_parser()).items():
        assert f"## `cableparse {name}`" in text
        section = text.split(f"## `cableparse {name}`", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings or [str(action.metavar or action.dest)]:
                assert f"`{option}`" in section, (name, option)


def test_schema_reference_lists_every_field() -> None:
    schema = json.loads((ROOT / "schemas" / "cable.schema.json").read_text(encoding="utf-8"))
    text = generator.schema_reference()
    for name, spec in schema["$defs"].items():
        assert f"## `{name}`" in text
        section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        for key in spec.get("properties", {}):
            assert f"| `{key}` |" in section, (name, key)


def test_generate_leaves_other_text_alone_and_refuses_unknown_markers() -> None:
    assert generator.generate("# Title\n\n% a comment\n") == "# Title\n\n% a comment\n"
    with pytest.raises(ValueError, match="unknown generated content"):
        generator.generate("% cableparse: nothing-of-the-kind\n")


def test_optional_toctree_keeps_existing_pages_only() -> None:
    text = generator.optional_toctree(["caption=Reference", "cli", "no-such-page"])
    assert ":caption: Reference" in text
    assert "\ncli\n" in text
    assert "no-such-page" not in text
    assert generator.optional_toctree(["no-such-page"]) == ""


# --------------------------------------------------------------------------
# README and the documented runner


def test_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "# cableparse",
        "",
        "```sh",
        "pip install . && cableparse parse --example",
        "pip install '.[test]' && python -m pytest -q",
        "```",
    ]


def _page_runner() -> Any:
    spec = importlib.util.spec_from_file_location("docs_conftest", DOCS / "conftest.py")
    assert spec is not None and spec.loader is not None
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    return runner


def test_readme_examples_run(tmp_path: Path) -> None:
    runner = _page_runner()
    readme = ROOT / "README.md"
    blocks = [b for b in runner.blocks(readme.read_text(encoding="utf-8")) if ">>>" in b.body]
    assert blocks, "the README has no example"
    namespace: dict[str, Any] = {}
    for block in blocks:
        runner._run(readme, block, namespace, str(tmp_path))
    assert namespace["cable"].reference_id == "09KUALALUMPUR521"


def test_page_blocks_are_found_with_their_directives() -> None:
    runner = _page_runner()
    page = "text\n\n```python\n>>> 1\n1\n```\n\n% doctest: requires pandas\n```python\nimport pandas\n```\n\n```json\n{}\n```\n"
    blocks = list(runner.blocks(page))
    assert [(b.lang, b.line, b.requires) for b in blocks] == [("python", 4, ()), ("python", 10, ("pandas",))]
    console = "```console\n$ echo a\na\n$ echo b; echo c\nb\nc\n```\n"
    (block,) = runner.blocks(console)
    assert list(runner._commands(block)) == [(2, "echo a", "a\n"), (4, "echo b; echo c", "b\nc\n")]
