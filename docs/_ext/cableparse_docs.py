"""A small Sphinx extension: pages generated from the installed package.

A page asks for generated content with a MyST comment line::

    % cableparse: diagnostics-table
    % cableparse: diagnostics-reference
    % cableparse: cli
    % cableparse: schema
    % cableparse: optional-toctree caption=Reference api/index cli performance

On ``source-read`` each such line is replaced by markdown written from
:data:`cableparse.CODES`, the argparse parser of the command line and
``schemas/cable.schema.json``, so the reference pages cannot fall behind
the code.  Left alone (another renderer), the lines are comments.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import diagnostic_examples as examples
import regex
from sphinx.application import Sphinx

import cableparse
from cableparse import cli

__all__ = [
    "cli_reference",
    "diagnostics_reference",
    "diagnostics_table",
    "frequency",
    "generate",
    "schema_reference",
    "setup",
]

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate-html"
FREQUENCY_PAGE = DOCS / "diagnostics-frequency.md"
SCHEMA = ROOT / "schemas" / "cable.schema.json"

_MARKER = regex.compile(r"^% cableparse: (?P<what>[a-z-]+)(?P<args>(?: [A-Za-z0-9_./=-]+)*)[ \t]*$", regex.MULTILINE)


# --------------------------------------------------------------------------
# Diagnostics


_frequency_cache: dict[str, Any] = {}
_ROW = regex.compile(r"^\| `(?P<code>[a-z0-9-]+)` \| [a-z]+ \| (?P<count>\d+) \| (?P<pages>\d+) \|$", regex.MULTILINE)
_PAGES = regex.compile(r"of the (?P<pages>\d+) Cablegate")


def frequency() -> dict[str, Any]:
    """Pages and occurrences per code over the corpus.

    Counted during the build with ``benchmarks/diagnostic_frequency.py``
    when the corpus is beside the project, otherwise read from the table
    that script wrote to ``docs/diagnostics-frequency.md``.  The result has
    ``pages`` (how many pages were read), ``codes`` (code -> ``[pages with
    it, occurrences]``) and ``measured`` (``True`` when counted now).
    """
    if not _frequency_cache:
        _frequency_cache.update(_measure() if CORPUS.is_dir() else _from_table(FREQUENCY_PAGE.read_text(encoding="utf-8")))
    return _frequency_cache


def _measure() -> dict[str, Any]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("diagnostic_frequency", ROOT / "benchmarks" / "diagnostic_frequency.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pages = sorted(CORPUS.glob("*.html"))
    counts, having, _ = module.count(pages)
    codes: dict[str, list[int]] = {}
    # Counted per (code, severity): a check may report below its catalogue severity.
    seen: dict[str, set[str]] = {}
    for (code, _severity), n in counts.items():
        codes.setdefault(code, [0, 0])[1] += n
        seen.setdefault(code, set()).update(having[code, _severity])
    for code, names in seen.items():
        codes[code][0] = len(names)
    return {"pages": len(pages), "codes": codes, "measured": True}


def _from_table(text: str) -> dict[str, Any]:
    """The figures of the committed frequency page (a code on two rows has two severities)."""
    pages = _PAGES.search(text)
    codes: dict[str, list[int]] = {}
    for m in _ROW.finditer(text):
        entry = codes.setdefault(m.group("code"), [0, 0])
        entry[0] = max(entry[0], int(m.group("pages")))
        entry[1] += int(m.group("count"))
    return {"pages": int(pages.group("pages")) if pages else 0, "codes": codes, "measured": False}


def _groups() -> list[tuple[str, list[str]]]:
    """The codes by group, with codes that have no entry yet in a group of their own."""
    groups = [(title, [code for code in entries if code in cableparse.CODES]) for title, entries in examples.GROUPS.items()]
    rest = [code for code in cableparse.CODES if code not in examples.ENTRIES]
    if rest:
        groups.append(("Other codes", rest))
    return groups


def _seen(code: str) -> str:
    figures = frequency()
    pages, count = figures["codes"].get(code, (0, 0))
    return f"{pages} | {count}"


def diagnostics_table() -> str:
    """One table per group: code, severity, summary, pages and occurrences in the corpus."""
    figures = frequency()
    out = []
    for title, codes in _groups():
        out += [f"**{title}**", "", "| code | severity | summary | pages | times |", "|---|---|---|--:|--:|"]
        for code in codes:
            entry = cableparse.CODES[code]
            out.append(f"| [`{code}`](#{code}) | {entry.severity.value} | {_plain(entry.summary)} | {_seen(code)} |")
        out.append("")
    if figures["measured"]:
        where = "measured over the corpus during this build"
    else:
        where = "from [the frequency page](diagnostics-frequency.md), the corpus being absent at build time"
    out.append(f"*pages*: pages of the {figures['pages']}-page Cablegate sample with the code at least once; *times*: occurrences")
    out[-1] += f" ({where})."
    return "\n".join(out) + "\n"


def diagnostics_reference() -> str:
    """A section per code: severity, summary, what triggers it, an example run at build time."""
    figures = frequency()
    out: list[str] = []
    for title, codes in _groups():
        out += [f"## {title}", ""]
        for code in codes:
            entry = cableparse.CODES[code]
            out += [f"({code})=", f"### `{code}`", "", f"**{entry.severity.value}** -- {_plain(entry.summary)}", ""]
            known = examples.ENTRIES.get(code)
            if known is None:
                out += ["*No explanation yet beyond the summary above.*", ""]
                continue
            out += [known.trigger, ""]
            if known.example is not None:
                intro, shown = examples.describe(known.example)
                if shown:
                    out += [f"*Example:* {intro}", "", *_fence(shown)]
                else:
                    out += [f"*Example:* {intro.rstrip(':')}.", ""]
                out += ["*Reported:*", "", *_fence(examples.output(code, known.example))]
            pages, count = figures["codes"].get(code, (0, 0))
            out += [f"In the corpus: {pages} of {figures['pages']} pages, {count} times.", ""]
    return "\n".join(out)


def _fence(text: str, lang: str = "text") -> list[str]:
    return [f"````{lang}", text, "````", ""]


_MD_SPECIAL = regex.compile(r"([\\`*_\[\]<>|#])")


def _plain(text: str) -> str:
    """Plain text (a catalogue summary, a help string) made safe inside markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    """Markdown text made safe inside a table cell."""
    return text.replace("|", "\\|")


# --------------------------------------------------------------------------
# Command line


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option_row(action: argparse.Action) -> str:
    names = ", ".join(f"`{name}`" for name in action.option_strings) or f"`{action.metavar or action.dest}`"
    if action.option_strings and action.nargs != 0:
        metavar = action.metavar or (("{" + ",".join(map(str, action.choices)) + "}") if action.choices else action.dest.upper())
        names += f" `{metavar}`"
    help_text = (action.help or "").replace("%(default)s", str(action.default))
    notes = []
    if action.choices and action.metavar is not None:
        notes.append("one of " + ", ".join(f"`{c}`" for c in action.choices))
    shown_default = action.default not in (None, False, argparse.SUPPRESS) and not isinstance(action.default, list)
    if shown_default and action.nargs != 0 and "default" not in help_text:
        notes.append(f"default: `{action.default}`")
    if notes:
        help_text += " (" + "; ".join(notes) + ")"
    return f"| {names} | {_cell(help_text)} |"


def cli_reference() -> str:
    """Every subcommand with its usage, description and options, read from the argparse parser."""
    parser = cli.build_parser()
    out = ["## `cableparse`", "", *_fence(parser.format_usage().strip(), "console"), parser.description or "", ""]
    out += _options(parser._actions)
    for name, sub in _subcommands(parser).items():
        out += [f"({'cli-' + name})=", f"## `cableparse {name}`", "", *_fence(sub.format_usage().strip(), "console")]
        out += [sub.description or "", ""]
        out += _options(sub._actions)
    return "\n".join(out)


def _options(actions: Iterable[argparse.Action]) -> list[str]:
    rows = [_option_row(a) for a in actions if not isinstance(a, argparse._SubParsersAction)]
    return ["| argument | meaning |", "|---|---|", *rows, ""]


# --------------------------------------------------------------------------
# JSON Schema


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[1]
        return f"[{name}](#schema-{name.lower()})"
    if "anyOf" in prop or "oneOf" in prop:
        return " or ".join(_type(p) for p in prop.get("anyOf", prop.get("oneOf", [])))
    kind = prop.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    shown = []
    for k in kinds:
        if k == "array":
            shown.append(f"array of {_type(prop.get('items', {}))}")
        elif k == "string" and "format" in prop:
            shown.append(f"string ({prop['format']})")
        else:
            shown.append(str(k))
    return " or ".join(shown)


def _constraints(prop: dict[str, Any]) -> str:
    parts = []
    if "pattern" in prop and "format" not in prop:
        parts.append(f"pattern `{prop['pattern']}`")
    for key, word in (("minimum", "min"), ("maximum", "max"), ("minLength", "min length")):
        if key in prop:
            parts.append(f"{word} {prop[key]}")
    items = prop.get("items", {})
    if "pattern" in items:
        parts.append(f"items match `{items['pattern']}`")
    return "; ".join(parts)


def schema_reference() -> str:
    """One table per definition of ``schemas/cable.schema.json``, the top-level object first."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs: dict[str, Any] = schema["$defs"]
    top = schema["$ref"].rsplit("/", 1)[1]
    out: list[str] = []
    for name in [top, *sorted(n for n in defs if n != top)]:
        spec = defs[name]
        out += [f"(schema-{name.lower()})=", f"## `{name}`", "", spec.get("description", ""), ""]
        if "enum" in spec:
            out += ["One of: " + ", ".join(f"`{json.dumps(v)}`" for v in spec["enum"]) + ".", ""]
            continue
        out += ["| key | type | description | constraints |", "|---|---|---|---|"]
        for key, prop in spec.get("properties", {}).items():
            out.append(f"| `{key}` | {_type(prop)} | {_cell(prop.get('description', ''))} | {_cell(_constraints(prop))} |")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------
# Optional pages kept by others


def optional_toctree(args: list[str]) -> str:
    """A toctree of the pages among ``args`` that exist; ``caption=Word`` first gives it a caption.

    Some pages are written by others and may not exist yet; listing a
    missing page in a plain toctree fails the build, and leaving out an
    existing one fails it too.
    """
    caption = [f":caption: {args[0].partition('=')[2]}"] if args and args[0].startswith("caption=") else []
    names = args[len(caption) :]
    present = [n for n in names if (DOCS / f"{n}.md").is_file()]
    if not present:
        return ""
    return "\n".join(["```{toctree}", ":maxdepth: 2", *caption, "", *present, "```", ""])


_GENERATORS: dict[str, Callable[[list[str]], str]] = {
    "diagnostics-table": lambda _: diagnostics_table(),
    "diagnostics-reference": lambda _: diagnostics_reference(),
    "cli": lambda _: cli_reference(),
    "schema": lambda _: schema_reference(),
    "optional-toctree": optional_toctree,
}


def generate(text: str) -> str:
    """``text`` with every ``% cableparse: ...`` line replaced by its generated markdown."""

    def replace(m: regex.Match[str]) -> str:
        what = m.group("what")
        if what not in _GENERATORS:
            raise ValueError(f"unknown generated content {what!r}")
        return _GENERATORS[what](m.group("args").split())

    return _MARKER.sub(replace, text)


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = generate(source[0])


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``source-read`` hook."""
    app.connect("source-read", _source_read)
    return {"version": cableparse.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
