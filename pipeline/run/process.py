"""Process setup, the same for the command and each file process it forks."""
from __future__ import annotations

import gc
import importlib
import logging
import os

# numpy's OpenBLAS starts a worker thread for each further core as numpy is imported, and an idle one
# spins for about 0.1 s of CPU before it sleeps: on two cores that is taken from the run's other process
# (the NLP process imports numpy while the pages are read, the file process while the text is parsed).
# The processes of a command start with one; the NLP stage sets the threads of its matrix products.
BLAS_THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"
# The command makes many objects that live until it ends and few cycles: the collector starts a pass
# after 50,000 new objects instead of 700 (a 400-page run spent 0.9 s of 13 s in it, 0.3 s so).
COLLECTOR_THRESHOLDS = (50_000, 20, 20)
QUIET_LOGGERS = ("pdfminer", "pdfplumber")


def prepare_process(*modules: str) -> None:
    """Set this process up: OpenBLAS with one thread (a user's own setting stands), the PDF parsers' logging
    quiet, `modules` imported, and what lives as long as the process (the modules) frozen out of the
    collector's full passes, which start after COLLECTOR_THRESHOLDS[0] new objects."""
    os.environ.setdefault(BLAS_THREADS_VARIABLE, "1")
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    for module in modules:
        importlib.import_module(module)
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
