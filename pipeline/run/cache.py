"""A cache of extraction results keyed by the PDF's content, the rules, the code and the NLP model.

A hit copies the stored files into place without importing the heavy stages,
so that a re-run on an unchanged edition takes a fraction of a second.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from functools import cache
from pathlib import Path

from pipeline.resources import PACKAGE, PROJECT_MODEL, RULES_DIR, folder_digest
from pipeline.run.outputs import EDITION_FILES, write_files
from pipeline.utils.files import cache_dir, relative_link, write_atomic


@cache
def environment_digest() -> str:
    """What else decides the result: the code, the rules and which Dutch pipeline is present."""
    model_meta = PROJECT_MODEL / "meta.json"
    parts = [
        folder_digest(PACKAGE, "**/*.py"),
        folder_digest(RULES_DIR, "**/*.yml"),  # the page catalogues of rules/i18n/ too
        "nl_core_news_sm" if importlib.util.find_spec("nl_core_news_sm") else "",
        hashlib.sha256(model_meta.read_bytes()).hexdigest() if model_meta.is_file() else "",
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cache_key(pdf: Path, nlp: bool, target: Path, engine: str, language: str) -> str | None:
    """The key of a PDF's result written to the folder `target` by `engine` with pages in `language`, or None
    when the file cannot be read.

    The folder is part of the key because programme.html links to the PDF from there.
    """
    try:
        content = hashlib.sha256(pdf.read_bytes()).hexdigest()
    except OSError:
        return None
    place = relative_link(pdf, target)
    key = f"{content}|{environment_digest()}|nlp={nlp}|{place}|{engine}|{language}"
    return hashlib.sha256(key.encode()).hexdigest()


def restore(key: str, target: Path) -> dict | None:
    """Copy a cached result into the folder `target`; return its counts, or None on a miss."""
    entry = cache_dir() / key
    try:
        counts = json.loads((entry / "counts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    target.mkdir(parents=True, exist_ok=True)
    write_files(target, {name: (entry / name).read_bytes() for name in EDITION_FILES if (entry / name).is_file()})
    return counts


def store(key: str, source: Path, counts: dict) -> None:
    """Keep the result files of the folder `source` under `key` (best effort: a full disk is no error)."""
    entry = cache_dir() / key
    try:
        entry.mkdir(parents=True, exist_ok=True)
        for name in EDITION_FILES:
            if (source / name).is_file():
                shutil.copyfile(source / name, entry / name)
        write_atomic(entry / "counts.json", json.dumps(counts, sort_keys=True))
    except OSError:
        shutil.rmtree(entry, ignore_errors=True)
