"""The NLP stage: model loading, actors, commissions, timing, references, topics, and the graph."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy
import pytest
import spacy
from fresh import run_fresh
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.vectors import Vectors

from pipeline import nlp as nlp_stage
from pipeline.cli import main
from pipeline.nlp import ActorFinder, Analyser, TimingFinder, blank_dutch, load_model
from pipeline.nlp.model import PROJECT_MODEL, DeferredExceptionsTokenizer, VectorRows, vector_table
from pipeline.nlp.parsing import Owner, owners, parse_items, shares
from pipeline.programme import Actor, Edition, Programme, Source
from pipeline.render.graph import build_graph, graph_json
from pipeline.rules import load_rules
from pipeline.run.outputs import graph_contents, write_files

EVAL_SENTENCES = PROJECT_MODEL.parent / "eval.spacy"
SPACY_FACTORIES = {"tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "senter"}


@pytest.fixture(scope="module")
def blank_model():
    return load_model(installed="no_such_dutch_package", project="/no/such/folder")


def test_loading_falls_back_to_blank_dutch(blank_model):
    assert blank_model.name.startswith("blank nl")
    assert [t.lemma_ for t in blank_model.nlp("De partners werkten samen.")][2] == "werken"


def test_loading_prefers_the_project_pipeline(tmp_path):
    blank_dutch().to_disk(tmp_path / "pipeline")
    loaded = load_model(installed="no_such_dutch_package", project=tmp_path / "pipeline")
    assert loaded.name.endswith("(project pipeline)")


def test_loading_prefers_an_installed_nl_core_news_sm(monkeypatch):
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "nl_core_news_sm")
    monkeypatch.setattr(spacy, "load", lambda name, **kwargs: blank_dutch())
    assert load_model().name.startswith("nl_core_news_sm")


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("begin 2024", "2024-01-01", "2024-03-31"),
    ("voorjaar 2024", "2024-03-01", "2024-05-31"),
    ("eerste helft 2024", "2024-01-01", "2024-06-30"),
    ("eind april 2024", "2024-04-21", "2024-04-30"),
    ("27 maart 2024", "2024-03-27", "2024-03-27"),
    ("najaar 2023/voorjaar 2024", "2023-09-01", "2024-05-31"),
    ("in de loop van 2024", "2024-01-01", "2024-12-31"),
    ("tweede jaarhelft van 2025", "2025-07-01", "2025-12-31"),
])
def test_timing_phrases_are_normalised(phrase, start, end):
    found = TimingFinder(load_rules().nlp).find(f"Het advies volgt {phrase} na overleg.", 2024)
    assert [(t.phrase, t.start, t.end) for t in found] == [(phrase, start, end)]


def test_actors_from_gazetteer_and_generic_patterns():
    finder = ActorFinder(load_rules().nlp.actors)
    text = ("Samen met VDAB, het Departement Werk en Sociale Economie en het Kenniscentrum Data & Maatschappij "
            "(KDM) bereidt de Vlaamse Regering een BVR voor. Vlaams minister van Werk Jo Brouns en het "
            "Agentschap Plantenbescherming Vlaanderen volgen het op, net als XYZB.")
    found = {(name, known) for name, _, known, _ in finder.find(text)}
    assert {("VDAB", True), ("Departement Werk en Sociale Economie", True),
            ("Kenniscentrum Data & Maatschappij", True), ("Vlaamse Regering", True)} <= found
    assert ("minister Brouns", False) in found
    assert ("Agentschap Plantenbescherming Vlaanderen", False) in found
    assert ("XYZB", False) in found
    assert not any(name == "BVR" for name, _ in found), "instruments are not actors"


def test_analyse_a_small_programme(blank_model):
    from test_diff import BASE, programme

    built = programme(2024, BASE, {"Arbeid": ["BVR jobbonus (voorjaar 2024)", "Conceptnota werkbaar werk"]})
    theme = built.parts[0].themes[0]
    theme.intro = "De SERV-commissie Arbeidsmarkt volgt dit op met VDAB.\n\n- Beroepsonderwijs"
    theme.dossiers[0].text += " Zie deel Energie."
    Analyser(blank_model).analyse(built)
    assert built.nlp_model.startswith("blank nl")
    assert [r.instrument for r in theme.advisory_requests] == ["BVR", "conceptnota"]
    assert theme.advisory_requests[0].nlp.timing[0].start == "2024-03-01"
    assert "commission/commissie-arbeidsmarkt" in theme.nlp.commissions
    assert [a.actor for a in theme.nlp.actors] == ["actor/serv", "actor/vdab"]
    assert {(r.target, r.target_type) for r in theme.nlp.references} == {(theme.dossiers[1].id, "dossier")}
    assert theme.dossiers[0].nlp.references[0].target == built.parts[0].themes[1].id
    assert all(d.nlp.topics for t in built.parts[0].themes for d in t.dossiers)


def test_the_stage_runs_the_analysers_its_rules_list(blank_model):
    """`analysers` in rules/nlp.yml names what runs: each analyser of the registry looks at one item or
    across the document; one left out leaves its annotations empty; a name the registry lacks is refused."""
    from test_diff import BASE, programme

    from pipeline.nlp.stage import ANALYSERS, DocumentAnalyser, ItemAnalyser

    rules = load_rules().nlp
    assert set(rules.analysers) == set(ANALYSERS)
    assert all(isinstance(make(rules, blank_model), ItemAnalyser | DocumentAnalyser) for make in ANALYSERS.values())
    built = programme(2024, BASE, {"Arbeid": ["BVR jobbonus (voorjaar 2024)"]})
    Analyser(blank_model, rules.model_copy(update={"analysers": ("timing", "instruments")})).analyse(built)
    request = built.parts[0].themes[0].advisory_requests[0]
    assert request.instrument == "BVR" and request.nlp.timing and not request.nlp.topics and not built.actors
    with pytest.raises(ValueError, match="no analyser tagging"):
        Analyser(blank_model, rules.model_copy(update={"analysers": ("tagging",)}))


def test_corpus_graph(corpus_programmes):
    programme = corpus_programmes["serv-werkprogramma-2024"]
    graph = build_graph(programme)
    dossiers = [n for n, d in graph.nodes(data=True) if d["type"] == "dossier"]
    assert len(dossiers) == sum(len(t.dossiers) for p in programme.parts for t in p.themes)
    for node in dossiers:
        incoming = {d["type"] for _, _, d in graph.in_edges(node, data=True)}
        outgoing = {d["type"] for _, _, d in graph.out_edges(node, data=True)}
        assert "contains" in incoming and "about" in outgoing, node
    commissions = {d["label"].lower() for _, d in graph.nodes(data=True) if d["type"] == "commission"}
    named = {"commissie diversiteit", "commissie sociale economie", "adviescommissie economische migratie"}
    assert named <= commissions
    actors = {d["label"] for _, d in graph.nodes(data=True) if d["type"] == "actor"}
    assert {"VDAB", "Vlaamse Regering", "sociale partners", "Departement Werk en Sociale Economie"} <= actors
    data = graph_json(graph)
    assert "edges" in data and all({"id", "type", "label"} <= set(n) for n in data["nodes"])


def test_graph_command(corpus_programmes, tmp_path):
    path = tmp_path / "programme.json"
    path.write_text(corpus_programmes["serv-werkprogramma-2024"].model_dump_json(), encoding="utf-8")
    assert main(["graph", str(path)]) == 0
    graph = nx.node_link_graph(json.loads((tmp_path / "graph.json").read_text()), edges="edges")
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_nodes() == graph.number_of_nodes()


def test_list_attributes_stay_lists_in_json_and_are_joined_only_in_graphml(tmp_path):
    programme = Programme(edition=Edition(title="Werkprogramma 2030", year=2030,
                                          source=Source(file="wp.pdf", sha256="0" * 64, pages=1)),
                          actors=[Actor(id="actor/vdab", name="VDAB", kind="agency", known=True, mentions=2,
                                        aliases=["Vlaamse Dienst voor Arbeidsbemiddeling", "de VDAB"])])
    data = graph_json(build_graph(programme))
    node = next(n for n in data["nodes"] if n["id"] == "actor/vdab")
    assert node["aliases"] == ["Vlaamse Dienst voor Arbeidsbemiddeling", "de VDAB"]
    write_files(tmp_path, graph_contents(programme))
    graphml = nx.read_graphml(tmp_path / "graph.graphml")
    assert graphml.nodes["actor/vdab"]["aliases"] == "Vlaamse Dienst voor Arbeidsbemiddeling; de VDAB"
    assert json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))["nodes"][1]["aliases"] == [
        "Vlaamse Dienst voor Arbeidsbemiddeling", "de VDAB"]


def test_shipped_dutch_pipeline_tags_corpus_sentences():
    """The project's own pipeline loads by path and tags sentences of the corpus sensibly."""
    loaded = load_model(installed="no_such_dutch_package")
    assert loaded.name.endswith("(project pipeline)")
    doc = loaded.nlp("De sociale partners willen de komende maanden wegen op de nieuwe legislatuur. "
                     "VDAB bereidt een actieplan voor.")
    pos = {t.text: t.pos_ for t in doc}
    assert pos["partners"] == "NOUN" and pos["sociale"] == "ADJ" and pos["willen"] in ("AUX", "VERB")
    assert pos["VDAB"] == "PROPN" and pos["De"] == "DET"
    assert {t.text: t.lemma_ for t in doc}["partners"] == "partner"
    assert len(list(doc.sents)) == 2
    assert {loaded.nlp.get_pipe_meta(name).factory for name in loaded.nlp.pipe_names} <= SPACY_FACTORIES
    vectors = loaded.nlp.vocab.vectors
    assert vectors.attr == LOWER and vectors.find(key="adviezen") >= 0  # looked up by the lower-case form
    meta = loaded.nlp.meta
    figures = meta["performance"]
    assert meta["license"] == "CC BY-SA 4.0" and figures["eval_tokens"] > 25_000
    assert figures["pos_acc"] >= 0.944 and figures["lemma_acc"] >= 0.95 and figures["sents_f"] >= 0.95


def test_project_pipeline_keeps_only_the_strings_its_lemmatizer_reads():
    sys.path.insert(0, str(PROJECT_MODEL.parent))
    from package import tree_strings

    read = tree_strings(PROJECT_MODEL)
    strings = json.loads((PROJECT_MODEL / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert 0 < len(strings) <= len(read) and all(hash_string(s) in read for s in strings)


def test_project_pipeline_tokenizer_is_spacy_dutch_default():
    """The loader keeps spaCy's default Dutch tokenizer instead of reading the saved one: they must be equal."""
    saved = spacy.load(PROJECT_MODEL).tokenizer
    assert saved.to_bytes(exclude=["vocab"]) == spacy.blank("nl").tokenizer.to_bytes(exclude=["vocab"])


def test_deferred_exceptions_tokenise_as_spacy_dutch(corpus_programmes):
    """The loader's tokenizer adds spaCy's Dutch exceptions as texts hold them: the same tokens and norms
    as spaCy's own Dutch tokenizer, on the corpus texts and on texts that hold every exception, alone, in
    punctuation and glued to others."""
    from spacy.lang.nl import Dutch

    reference, deferred = spacy.blank("nl").tokenizer, load_model(installed="no_such_dutch_package").nlp.tokenizer
    assert isinstance(deferred, DeferredExceptionsTokenizer) and len(deferred.deferred) > 4000

    def tokens(tokenizer, text: str) -> list[tuple[str, str, str]]:
        return [(t.text, t.whitespace_, t.norm_) for t in tokenizer(text)]

    # spaCy matches the exception ")-:" across the space and does not apply it, but the match keeps the
    # exception ":((" from applying: split at white space, the text would not bring ")-:" in.
    assert tokens(deferred, "‘=3) -:((, ") == tokens(reference, "‘=3) -:((, ")
    exceptions = sorted(Dutch.Defaults.tokenizer_exceptions)
    rng = random.Random(13)
    texts = [" ".join(f"{rng.choice(['', '(', '‘', '-'])}{key}{rng.choice(['', ')', ',', '.', '’', 's'])}"
                      for key in exceptions[start:start + 40]) for start in range(0, len(exceptions), 40)]
    texts += ["".join(rng.sample(exceptions, 4)) for _ in range(300)]
    texts += [node.text for programme in corpus_programmes.values() for part in programme.parts
              for theme in part.themes for node in [*theme.dossiers, *theme.advisory_requests]]
    rng.shuffle(texts)
    for text in texts:
        assert tokens(deferred, text) == tokens(reference, text), text
    assert not deferred.deferred


def test_spacy_is_imported_without_its_command_line_package():
    """The NLP stage imports spaCy without `spacy.cli` (typer, weasel, httpx); `spacy.info` and
    `import spacy.cli` still work, importing it then."""
    code = ("import sys, pipeline.nlp, spacy; "
            "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules, 'spacy.cli imported'; "
            "assert spacy.info(silent=True)['spacy_version'] == spacy.__version__; "
            "import spacy.cli; assert callable(spacy.cli.train_cli)")
    run_fresh(code)


def test_matrix_products_by_numpy_tag_as_blis_does(corpus_programmes):
    """The loader has the pipeline multiply matrices with numpy instead of blis (faster): the same
    parts of speech, lemmas and sentences on the texts of both editions."""
    with_numpy, with_blis = load_model(installed="no_such_dutch_package").nlp, spacy.load(PROJECT_MODEL)
    assert not with_numpy.get_pipe("tok2vec").model.ops.use_blis
    assert with_blis.get_pipe("tok2vec").model.ops.use_blis
    texts = [node.text for programme in corpus_programmes.values() for part in programme.parts
             for theme in part.themes for node in [*theme.dossiers, *theme.advisory_requests]]

    def tags(nlp) -> list[tuple[str, str, bool]]:
        return [(t.pos_, t.lemma_, t.is_sent_start) for doc in nlp.pipe(texts) for t in doc]

    assert tags(with_numpy) == tags(with_blis)


def test_vector_rows_are_found_as_spacy_reads_them():
    """The loader finds a vectors key's row in the sorted table as texts need it: the same row as the
    key2row spaCy reads, for every key; keys not in the table have none."""
    key2row = spacy.load(PROJECT_MODEL).vocab.vectors.key2row
    rows = VectorRows(vector_table(PROJECT_MODEL))
    assert all(rows.get(key) == row for key, row in key2row.items())
    assert rows.get(hash_string("woord-dat-er-niet-is"), -1) == -1 and hash_string("woord-dat-er-niet-is") not in rows
    assert len(rows) == len(key2row) and hash_string("advies") in rows
    assert isinstance(load_model(installed="no_such_dutch_package").nlp.vocab.vectors.key2row, VectorRows)


def test_vectors_load_whole_where_the_cache_folder_cannot_be_written(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("WERKPROGRAMMA_CACHE", str(tmp_path / "a-file"))
    assert vector_table(PROJECT_MODEL) is None
    nlp = load_model(installed="no_such_dutch_package").nlp
    assert type(nlp.vocab.vectors.key2row) is dict and len(nlp.vocab.vectors.key2row) > 400_000
    assert [t.lemma_ for t in nlp("De partners werkten samen.")][2] == "werken"


def test_items_are_shared_out_evenly():
    """The parsing processes get about the same amount of text each: every item once, the largest first
    to the least loaded; the same split every time."""
    rng = random.Random(5)
    sizes = [rng.randint(1, 400) for _ in range(300)]
    split = shares(sizes, 2)
    assert sorted(i for part in split for i in part) == list(range(len(sizes)))
    first, second = (sum(sizes[i] for i in part) for part in split)
    assert abs(first - second) <= max(sizes)
    assert shares(sizes, 2) == split and shares(sizes, 1) == [sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))]


def test_parsing_uses_the_cores_it_is_given():
    """One file among several (one core each) multiplies its matrices on one thread; alone, on as many
    threads as it has cores (threads beyond the cores' count spin against the other files' processes)."""
    from threadpoolctl import threadpool_info

    from pipeline.programme import Annotations

    items = [Owner("d", "dossier", "Advies", "De sociale partners geven advies.", [1], Annotations())]

    def blas_threads(item) -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    nlp = nlp_stage.default_model().nlp
    assert parse_items(nlp, items, 1, blas_threads) == [{1}]
    assert parse_items(nlp, items, 2, blas_threads) == [{2}]


def test_parsing_raises_the_blas_threads_a_command_starts_with():
    """The command starts numpy's OpenBLAS with one thread (`OPENBLAS_NUM_THREADS=1`); a parse in one
    process still multiplies its matrices on as many threads as it is given cores."""
    code = ("from threadpoolctl import threadpool_info; from pipeline.nlp import default_model; "
            "from pipeline.nlp.parsing import Owner, parse_items; from pipeline.programme import Annotations; "
            "items = [Owner('d', 'dossier', 'Advies', 'De partners geven advies.', [1], Annotations())]; "
            "threads = lambda *_: max(p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'); "
            "print(threads(), parse_items(default_model().nlp, items, 2, threads)[0])")
    assert run_fresh(code, OPENBLAS_NUM_THREADS="1").split() == ["1", "2"]


def test_items_parsed_in_two_processes_as_in_one(corpus_programmes):
    """Split over this process and a forked worker (each taking chunks until none are left), the items
    of an edition are parsed and analysed as in one process, in the items' order."""
    import time

    items = owners(corpus_programmes["serv-werkprogramma-2024"].model_copy(deep=True))
    nlp = nlp_stage.default_model().nlp
    here = os.getpid()

    def parsed(item):
        if os.getpid() == here:
            time.sleep(0.01)  # so that a worker slow to start on a busy host still finds chunks left
        return item.title, item.text, os.getpid()

    split, alone = parse_items(nlp, items, 2, parsed), parse_items(nlp, items, 1, parsed)
    assert [result[:2] for result in split] == [result[:2] for result in alone]
    assert len({pid for _, _, pid in split}) == 2 and {pid for _, _, pid in alone} == {here}


def test_saved_vectors_keep_their_lower_case_keys(tmp_path):
    """spaCy 3.8 forgets a vectors table's key attribute on saving; `keep_key_attribute` writes it back."""
    sys.path.insert(0, str(PROJECT_MODEL.parent))
    from lexicon import keep_key_attribute

    nlp = spacy.blank("nl")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=numpy.ones((1, 2), dtype="float32"), attr="LOWER")
    nlp.vocab.vectors.add("advies", row=0)
    nlp.to_disk(tmp_path / "forgetful")
    assert spacy.load(tmp_path / "forgetful").vocab.vectors.attr != LOWER
    keep_key_attribute(tmp_path / "forgetful")
    assert spacy.load(tmp_path / "forgetful").vocab.vectors.attr == LOWER


def spacy_alone(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run Python code in a process that sees the installed packages but not this project: isolated mode,
    no site hooks (the editable install of the project is such a hook), started outside the project."""
    site_packages = [path for path in sys.path if path.endswith("site-packages")]
    prelude = f"import sys; sys.path.extend({site_packages!r}); "
    return subprocess.run([sys.executable, "-I", "-S", "-c", prelude + code], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)


def test_dutch_pipeline_loads_with_spacy_alone(tmp_path):
    """`spacy.load` of the shipped pipeline needs spaCy only: no component of this project's code."""
    code = ("import importlib.util, spacy; "
            "assert importlib.util.find_spec('pipeline') is None, 'the project is on the path'; "
            f"nlp = spacy.load({str(PROJECT_MODEL)!r}); "
            "doc = nlp('De sociale partners geven advies. De Vlaamse Regering beslist.'); "
            "print(len(list(doc.sents)), [t.lemma_ for t in doc][2])")
    done = spacy_alone(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "partner"]


def test_spacy_evaluate_runs_on_the_evaluation_sentences(tmp_path):
    """`python -m spacy evaluate` scores the shipped pipeline on models/eval.spacy, spaCy alone."""
    scores = tmp_path / "scores.json"
    code = ("import runpy; "
            f"sys.argv = ['spacy', 'evaluate', {str(PROJECT_MODEL)!r}, {str(EVAL_SENTENCES)!r}, "
            f"'--output', {str(scores)!r}]; "
            "runpy.run_module('spacy', run_name='__main__')")
    done = spacy_alone(code, tmp_path)
    assert done.returncode == 0, done.stderr
    figures = json.loads(scores.read_text(encoding="utf-8"))
    # The shipped pipeline: UPOS 0.945, lemma 0.949, sentence F 0.905 (spaCy scores sentences as spans of
    # its own tokenisation; 0.961 by models/evaluate.py).
    assert figures["pos_acc"] >= 0.94 and figures["lemma_acc"] >= 0.945 and figures["sents_f"] >= 0.90


SENTENCE_CASES = {
    # The trained segmenter splits before a name, inside brackets and inside a quoted title (2024 edition).
    "Vlaams minister van Werk en Sociale Economie Jo Brouns lanceert een ‘versnellingsplan’. Dat is nieuw.": [
        "Vlaams minister van Werk en Sociale Economie Jo Brouns lanceert een ‘versnellingsplan’.", "Dat is nieuw."],
    "De SERV geeft advies over de Raad Concurrentievermogen (luik Industrie) waarvan Vlaanderen voorzitter is.": [
        "De SERV geeft advies over de Raad Concurrentievermogen (luik Industrie) waarvan Vlaanderen voorzitter is."],
    "De SERV bereidt een rapport voor over ‘Wonen in Vlaanderen – Uitdagingen vanuit sociaal-economisch "
    "perspectief‘. Dit rapport bevat een analyse.": [
        "De SERV bereidt een rapport voor over ‘Wonen in Vlaanderen – Uitdagingen vanuit sociaal-economisch "
        "perspectief‘.", "Dit rapport bevat een analyse."],
    # A column break cut the sentence into two paragraphs (2024 edition, Samenvatting).
    "De SERV investeert in de opvolging van doelstellingenkaders en de\n\nEuropese en internationale "
    "ontwikkelingen. Tot slot.": [
        "De SERV investeert in de opvolging van doelstellingenkaders en de Europese en internationale "
        "ontwikkelingen.", "Tot slot."],
    # A list lead-in and its items stay apart.
    "Mogelijke valorisatievormen zijn:\n\n- de websites van de SERV\n\n- nieuwsbrieven": [
        "Mogelijke valorisatievormen zijn:", "- de websites van de SERV", "- nieuwsbrieven"],
}


@pytest.mark.parametrize("text", SENTENCE_CASES)
def test_evidence_sentences_are_whole(text):
    nlp = nlp_stage.default_model().nlp
    assert [s for _, _, s in nlp_stage.whole_sentences(nlp(text))] == SENTENCE_CASES[text]


def organisation_scores(programme, path) -> tuple[float, float]:
    """Precision of the actors found and recall of the organisations in a hand-checked list (`also_right`:
    collective actors and office holders, which count as right but are no named organisations)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    spellings = {name.lower(): name for name in data["organisations"]}
    spellings.update({alias.lower(): name for name, aliases in data["organisations"].items() for alias in aliases})
    right = {name.lower() for name in data["also_right"]}
    matched, correct = set(), 0
    for actor in programme.actors:
        forms = [actor.name.lower(), *map(str.lower, actor.aliases)]
        found = {spellings[form] for form in forms if form in spellings}
        matched |= found
        correct += bool(found) or any(form in right for form in forms)
    return correct / max(len(programme.actors), 1), len(matched) / len(data["organisations"])


@pytest.mark.parametrize("stem", ["serv-werkprogramma-2023", "serv-werkprogramma-2024"])
def test_organisations_without_and_with_the_gazetteer(stem, corpus_programmes):
    """Leave the gazetteer out: generic detection alone finds the organisations of the hand-checked lists
    (tests/data/organisations-*.yml, made by reading each edition); with the gazetteer, nearly all."""
    from conftest import ROOT

    path = ROOT / "tests" / "data" / f"organisations-{stem[-4:]}.yml"
    rules = load_rules().nlp
    rules = rules.model_copy(update={"actors": rules.actors.model_copy(update={"actors": ()})})
    bare = corpus_programmes[stem].model_copy(deep=True)
    Analyser(rules=rules).analyse(bare)
    precision, recall = organisation_scores(bare, path)
    assert precision >= 0.85 and recall >= 0.75, (precision, recall)
    precision, recall = organisation_scores(corpus_programmes[stem], path)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_title_index_chooses_as_comparing_every_title_in_full(corpus_programmes):
    """The bounds of `match_title` only skip work: on every list line and title prefix of both corpus
    editions it picks what a full difflib comparison of every title picks."""
    from difflib import SequenceMatcher

    from pipeline.nlp.references import Target, TitleIndex, match_title
    from pipeline.utils.text import comparison_key

    def full_comparison(text, targets, self_id, threshold):
        key, best = comparison_key(re.sub(r"\(.*?\)", "", text)), None
        if len(key) < 3:
            return None
        for target in (t for t in targets if t.id != self_id and t.type != "part"):
            contained = target.words and sum(w in key for w in target.words) / len(target.words) >= 0.75
            ratio = SequenceMatcher(None, target.key, key, autojunk=False).ratio()
            score = 1.0 if target.key == key else max(ratio if ratio >= threshold else 0.0,
                                                       0.9 if target.key.startswith(key + " ") else 0.0,
                                                       0.86 if contained and len(target.words) >= 2 else 0.0)
            if score >= threshold and (best is None or score > best[2]):
                best = (target.id, target.type, score)
        return best[:2] if best else None

    checked = 0
    for programme in corpus_programmes.values():
        targets = [Target(t.id, "theme", t.title, t.title) for p in programme.parts for t in p.themes]
        targets += [Target(d.id, "dossier", d.title, d.title)
                    for p in programme.parts for t in p.themes for d in t.dossiers]
        index = TitleIndex(targets)
        texts = [line[2:] for p in programme.parts for t in p.themes for d in t.dossiers
                 for line in d.text.split("\n\n") if line.startswith("- ")]
        texts += [" ".join(t.title.split()[:n]) for t in targets for n in (2, 3)]
        for text in texts:
            for threshold in (0.6, 0.8):
                assert match_title(text, index, "", threshold) == full_comparison(text, targets, "", threshold)
                checked += 1
    assert checked > 300
