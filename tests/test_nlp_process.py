"""The NLP stage's own process: when it is used, and that it ends when a document is too long for it."""
from __future__ import annotations

from fresh import run_fresh

from pipeline.nlp import process as nlp_process


def test_a_process_of_its_own_needs_a_second_core_and_a_short_document(monkeypatch):
    monkeypatch.setattr(nlp_process, "model_loaded_here", lambda: False)
    assert nlp_process.worth_a_process(2)
    assert nlp_process.worth_a_process(2, nlp_process.MAX_PAGES)
    assert not nlp_process.worth_a_process(2, nlp_process.MAX_PAGES + 1)
    assert not nlp_process.worth_a_process(1)
    monkeypatch.setattr(nlp_process, "model_loaded_here", lambda: True)
    assert not nlp_process.worth_a_process(2)


def test_a_started_process_is_ended_for_a_long_document():
    executor = nlp_process.start()
    assert nlp_process.start() is executor
    workers = list(executor._processes.values())
    manager = executor._executor_manager_thread  # it joins the workers: joining them here too races it
    nlp_process.stop()
    manager.join(timeout=120)
    assert not manager.is_alive()
    assert all(worker.exitcode is not None for worker in workers)
    nlp_process.stop()
    assert nlp_process.start() is not executor
    nlp_process.stop()


def test_the_loaded_pipeline_is_frozen_out_of_the_collector():
    """The NLP process loads the pipeline with the collector off, then freezes what it made (its full
    passes over it are wasted work) and turns the collector back on for what the parse makes.  In a
    fresh process, so that nothing is frozen or loaded before the NLP process is forked."""
    code = ("import gc; from pipeline.nlp import process as nlp_process; executor = nlp_process.start(); "
            "print(gc.get_freeze_count(), executor.submit(gc.get_freeze_count).result(), "
            "executor.submit(gc.isenabled).result())")
    here, there, enabled = run_fresh(code).split()
    assert here == "0" and int(there) > 50_000 and enabled == "True"
