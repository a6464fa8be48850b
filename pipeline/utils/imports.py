"""Importing heavy packages with less than all of what they import."""
from __future__ import annotations

import sys
import types
from typing import Any

SPACY_CLI = ("spacy.cli", "spacy.cli.info")


def spacy_info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, importing spaCy's command-line package when it is first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy_without_cli() -> None:
    """Import spaCy without its command-line package, which `import spacy` loads only to offer
    `spacy.info` and which imports typer, weasel and httpx: about 0.15 s of a cold run that never uses
    them.  `spacy.info` and `import spacy.cli` still work (they import the real package)."""
    if "spacy" in sys.modules:
        return
    stand_ins = {name: types.ModuleType(name) for name in SPACY_CLI}
    stand_ins["spacy.cli"].__path__ = []
    stand_ins["spacy.cli.info"].info = spacy_info
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name in SPACY_CLI:
            sys.modules.pop(name, None)
    spacy.__dict__.pop("cli", None)
