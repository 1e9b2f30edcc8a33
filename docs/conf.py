"""Sphinx configuration for the cableparse documentation.

The build needs no network: no intersphinx, no remote images.  Pages that
list the diagnostic codes, the command line and the JSON Schema are
generated from the installed package by the local extension in ``_ext``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import cableparse  # noqa: E402

project = "cableparse"
author = "The cableparse developers"
copyright = "2024, The cableparse developers"
release = cableparse.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "cableparse_docs",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = False
napoleon_numpy_docstring = True

html_theme = "furo"
html_title = f"cableparse {release}"
html_static_path: list[str] = []
