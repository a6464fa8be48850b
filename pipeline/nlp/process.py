"""The NLP stage in a process of its own: started as early as possible, it imports spaCy and loads the
Dutch pipeline on a second core while the pages are read.  This module imports nothing heavy, so that
the process can be started before the extraction stages are imported."""
from __future__ import annotations

import atexit
import gc
import importlib
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.programme import Programme

# Up to this many pages, the NLP stage loads its pipeline in a process of its own while the pages are
# read (it saves about half a second); longer documents keep the memory of that second process.
MAX_PAGES = 100
_PROCESSES: dict[int, ProcessPoolExecutor] = {}


def _load_dutch_pipeline() -> None:
    """Import spaCy, load the Dutch pipeline and make the analysers (their rules read, their patterns
    compiled: about 0.02 s) without the collector's full passes over what they make (about 0.04 s of a
    run): it lives as long as the process, so it is frozen out of the later passes too, and the forked
    parsing worker shares its pages instead of the collector touching them."""
    gc.disable()
    try:
        from pipeline.nlp.stage import default_analysers

        default_analysers()
    finally:
        gc.freeze()
        gc.enable()


def run_analysis(programme: Programme, workers: int | None = None) -> Programme:
    """The NLP stage on a programme, in this process, on up to `workers` cores (default: all)."""
    from pipeline.nlp import analyse

    return analyse(programme, workers=workers)


def model_loaded_here() -> bool:
    """Whether this process has loaded the Dutch pipeline already (then it analyses itself)."""
    nlp_module = sys.modules.get("pipeline.nlp")
    return nlp_module is not None and nlp_module.default_model.cache_info().currsize > 0


def worth_a_process(cores: int, pages: int | None = None) -> bool:
    """Whether the NLP stage gets a process of its own: with a second core, for a document of up to
    `MAX_PAGES` pages (of a length not yet known), unless this process has the pipeline loaded."""
    return cores > 1 and (pages is None or pages <= MAX_PAGES) and not model_loaded_here()


def start() -> ProcessPoolExecutor:
    """The NLP process of this process, started now (loading the Dutch pipeline) unless it runs
    already; it stays for the next file of this process."""
    key = os.getpid()
    if key not in _PROCESSES:
        _PROCESSES[key] = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        _PROCESSES[key].submit(_load_dutch_pipeline)
        atexit.register(_PROCESSES[key].shutdown, cancel_futures=True)
    return _PROCESSES[key]


def stop() -> None:
    """End this process's NLP process, if it has one (a document too long for it), without waiting:
    it ends once it has loaded the pipeline it is loading."""
    process = _PROCESSES.pop(os.getpid(), None)
    if process is not None:
        atexit.unregister(process.shutdown)
        process.shutdown(wait=False, cancel_futures=True)


def analyse(programme: Programme) -> Programme:
    """The NLP stage on a programme, in the NLP process (started now if need be).  Meanwhile this
    process imports the stage that follows, the graph (networkx alone takes about 0.07 s to import)."""
    analysed = start().submit(run_analysis, programme)
    importlib.import_module("pipeline.render.graph")
    return analysed.result()
