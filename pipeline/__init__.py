"""werkprogramma: SERV work programme PDFs → structured, linked, comparable data.

The library is the product; the `werkprogramma` command is a thin layer over it:

    from pipeline import extract
    programme = extract("corpus/serv-werkprogramma-2024.pdf")

The stages are imported on first use, so that the command starts fast.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
_EXPORTS = {
    "extract": "pipeline.run.extract",
    "ExtractionError": "pipeline.run.extract",
    "Programme": "pipeline.programme",
    "analyse": "pipeline.nlp",
    "compare": "pipeline.comparison.diff",
    "build_graph": "pipeline.render.graph",
    "score_programme": "pipeline.evaluate.score",
    "score_diff": "pipeline.evaluate.score",
    "build_history": "pipeline.comparison.history",
    "programme_page": "pipeline.render.programme_page",
    "dossier_rows": "pipeline.render.tables",
    "request_rows": "pipeline.render.tables",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
