"""Regenerate schemas/cable.schema.json from the model.

python scripts/update_schema.py           # rewrite the file
python scripts/update_schema.py --check   # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cableparse.schema import schema_text

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "cable.schema.json"


def main(argv: list[str] | None = None) -> int:
    """Write the schema file, or with ``--check`` compare it; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the file is up to date")
    args = parser.parse_args(argv)
    text = schema_text()
    current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else None
    if args.check:
        if current != text:
            print(f"{SCHEMA_FILE} is out of date; run python scripts/update_schema.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
