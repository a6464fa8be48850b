"""Where the data that ships with the code lives, in a checkout and in an installed wheel alike.

A checkout keeps it at the top level, as the design has it (`rules/`,
`schema/`, `models/nl_werkprogramma`); a wheel carries the same folders as
package data under `pipeline/data/` (see `[tool.setuptools.package-dir]` in
pyproject.toml). This module is light (no third-party imports): the result
cache reads it before any stage is imported.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
PACKAGED = PACKAGE / "data"


def shipped(checkout_path: str, packaged_name: str) -> Path:
    """`pipeline/data/<packaged_name>` in an installed wheel, else `<checkout>/<checkout_path>`."""
    packaged = PACKAGED / packaged_name
    return packaged if packaged.exists() else PACKAGE.parent / checkout_path


RULES_DIR = shipped("rules", "rules")
SCHEMA_PATH = shipped("schema/programme.schema.json", "schema/programme.schema.json")
PROJECT_MODEL = shipped("models/nl_werkprogramma", "nl_werkprogramma")


@cache
def folder_digest(folder: Path, pattern: str) -> str:
    """SHA-256 over the names and bytes of the files of `folder` that match `pattern`, in name order."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob(pattern)):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
