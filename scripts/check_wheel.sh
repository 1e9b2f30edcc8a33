#!/usr/bin/env bash
# Release check: build the sdist and wheel, check their metadata with twine,
# check that the wheel carries the package data, then install the wheel into
# a fresh virtual environment and run the installed package from there.
#
# Usage: scripts/check_wheel.sh [PYTHON]   (default: python3)
# Needs the package index for build, twine and the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

PYTHON="${1:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DIST="$WORK/dist"

echo "== building sdist and wheel"
"$PYTHON" -m venv "$WORK/tools"
"$WORK/tools/bin/python" -m pip install --quiet --upgrade pip build twine
"$WORK/tools/bin/python" -m build --outdir "$DIST" . >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
ls "$DIST"

echo "== twine check"
"$WORK/tools/bin/twine" check --strict "$DIST"/*

echo "== package data in the wheel"
"$WORK/tools/bin/python" - "$DIST" <<'EOF'
import pathlib
import sys
import zipfile

dist = pathlib.Path(sys.argv[1])
(wheel,) = dist.glob("*.whl")
names = set(zipfile.ZipFile(wheel).namelist())
required = [
    "cableparse/py.typed",
    "cableparse/data/example.md",
    "cableparse/vocab/routing_indicators.csv",
    "cableparse/vocab/tags.txt",
    "cableparse/vocab/origins.txt",
    "cableparse/vocab/origin_aliases.txt",
    "cableparse/vocab/titles.txt",
]
missing = [name for name in required if name not in names]
vocab = sorted(name for name in names if name.startswith("cableparse/vocab/"))
print(f"{wheel.name}: {len(names)} files, vocab: {', '.join(n.rsplit('/', 1)[1] for n in vocab)}")
stray = sorted(n for n in names if n.startswith(("tests/", "docs/", "benchmarks/", "scripts/")))
if missing or stray:
    sys.exit(f"missing from the wheel: {missing}; not meant to be in it: {stray}")
EOF

echo "== fresh virtual environment from the wheel"
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet "$DIST"/*.whl
cd "$WORK"  # away from the checkout, so that only the installed package is found
"$WORK/venv/bin/cableparse" --version
"$WORK/venv/bin/cableparse" parse --example >"$WORK/example.json"
head -3 "$WORK/example.json"
"$WORK/venv/bin/python" -c "
import cableparse
cable = cableparse.parse(cableparse.example_text())
assert cable.reference_id == '09KUALALUMPUR521', cable.reference_id
assert not cable.errors and not cable.warnings, cable.diagnostics
assert cableparse.json_schema() == __import__('json').loads(open('$ROOT/schemas/cable.schema.json').read())
print(cableparse.__file__)
print(cable.reference_id, cable.header.dtg.isoformat(), cable.tags)
"
"$WORK/venv/bin/cableparse" schema >/dev/null
echo "wheel OK"
