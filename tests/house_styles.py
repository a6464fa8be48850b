"""Typeset a corpus edition in a random house style, extract it and score it against the gold.

Shared by the property tests (`tests/test_house_styles.py`, `tests/test_producers.py`) and `make sweep`
(`python tests/house_styles.py --seeds 500`, or `--seed N` for one style; `--producers reportlab,office`
spreads the seeds over those PDF producers, see `tests/producers/`).
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pdfmaker import draw_style, edition_title, render, source_elements

from pipeline.evaluate.score import score_programme
from pipeline.pdf.sources import ENGINES
from pipeline.run.extract import ExtractionError, extract
from pipeline.utils.files import canonical_json

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "gold"
EDITIONS = ("serv-werkprogramma-2023", "serv-werkprogramma-2024")
# At most this share of the words of the extracted texts may be no words of the source text.
MAX_STRANGE_WORDS = 0.001
THRESHOLDS = {"themes_f1": 1.0, "dossiers_f1": 0.98, "spearhead_acc": 1.0, "dossier_title_exact": 0.97,
              "requests_f1": 0.95, "request_theme_acc": 0.95}


def edition_for(seed: int) -> str:
    """Seeds alternate between the two corpus editions."""
    return EDITIONS[seed % len(EDITIONS)]


def producer_module(name: str):
    """The module of a producer of `tests/producers/` (None for reportlab, which is `pdfmaker` itself)."""
    return None if name == "reportlab" else importlib.import_module(f"producers.{name}")


def typeset(seed: int, folder: Path, stem: str | None = None, producer: str = "reportlab") -> Path:
    """The edition of `seed` (or `stem`) typeset by `producer` in the house style drawn from `seed`."""
    stem = stem or edition_for(seed)
    module = producer_module(producer)
    if module is None:
        return render(folder / f"{stem}-style-{seed}.pdf", source_elements(stem), draw_style(seed),
                      edition_title(stem))
    return module.render(folder / f"{stem}-{producer}-{seed}.pdf", source_elements(stem), seed, edition_title(stem))


WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


def element_texts(element: tuple) -> list[str]:
    """The texts an element holds (a heading given as lines is one text)."""
    return [" ".join(value) if isinstance(value, list) else value for value in element[1:]
            if not isinstance(value, int)]


def fidelity(programme, elements: list[tuple]) -> dict:
    """Words of the extracted dossier and request texts that are no words of the source text (glued,
    split or misspelt by the extraction): their count, the count of all words and a few examples."""
    source = {word.casefold() for element in elements for text in element_texts(element) for word in WORD.findall(text)}
    texts = [d.text for p in programme.parts for t in p.themes for d in t.dossiers]
    texts += [text for p in programme.parts for t in p.themes for r in t.advisory_requests
              for text in (r.text, *r.subitems)]
    extracted = [word for text in texts for word in WORD.findall(text)]
    strange = [word for word in extracted if word.casefold() not in source]
    return {"strange": len(strange), "words": len(extracted), "examples": strange[:8]}


def run_seed(seed: int, keep: bool = False, producer: str = "reportlab", engines: bool = False) -> dict:
    """Typeset, extract (no NLP, one process) and score one seed; the result names what fell short
    (and holds the extracted programme as JSON when `keep` is set). With `engines`, the reference engine
    reads the same PDF too: the result tells whether the programmes agree and gives its text fidelity."""
    stem = edition_for(seed)
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    reference = {}
    with tempfile.TemporaryDirectory() as folder:
        pdf = typeset(seed, Path(folder), producer=producer)
        try:
            programme = extract(pdf, nlp=False, workers=1)
        except ExtractionError as error:
            return {"seed": seed, "edition": stem, "producer": producer, "error": str(error),
                    "below": {"extraction": 0.0}}
        if engines:
            reference = engine_agreement(pdf, programme, source_elements(stem))
    scores = score_programme(programme.model_dump(mode="json"), gold)
    below = {k: round(scores[k], 3) for k, v in THRESHOLDS.items() if scores[k] < v}
    words = fidelity(programme, source_elements(stem))
    if words["strange"] > MAX_STRANGE_WORDS * words["words"]:
        below["strange_words"] = round(words["strange"] / max(1, words["words"]), 4)
    result = {"seed": seed, "edition": stem, "producer": producer,
              "scores": {k: round(scores[k], 4) for k in THRESHOLDS}, "fidelity": words,
              "below": below, "missed": scores["missed_dossiers"][:8]}
    if keep:
        result["programme"] = programme.model_dump_json()
    return result | reference


def engine_agreement(pdf: Path, programme, elements: list[tuple]) -> dict:
    """Whether the reference engine (pdfplumber) gives the same programme as the default one, and the text
    fidelity of its programme."""
    try:
        other = extract(pdf, nlp=False, workers=1, engine=ENGINES[1])
    except ExtractionError:
        return {"engines_agree": False, "reference_fidelity": {"strange": 0, "words": 0, "examples": []}}
    first, second = (canonical_json(p.model_copy(update={"engine": None})) for p in (programme, other))
    return {"engines_agree": first == second, "reference_fidelity": fidelity(other, elements)}


def engine_difference(seed: int, producer: str = "reportlab") -> str | None:
    """Where the two character sources disagree on the programme of one seed's typesetting (None: nowhere)."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = typeset(seed, Path(folder), producer=producer)
        texts = []
        for engine in ENGINES:
            try:
                programme = extract(pdf, nlp=False, workers=1, engine=engine)
            except ExtractionError as error:
                texts.append(f"error: {error}")
                continue
            programme.engine = None
            texts.append(canonical_json(programme))
    if texts[0] == texts[1]:
        return None
    first = next(i for i, (a, b) in enumerate(zip(*texts, strict=False)) if a != b)
    around = slice(max(first - 60, 0), first + 60)
    return f"seed {seed}: {ENGINES[0]} {texts[0][around]!r} / {ENGINES[1]} {texts[1][around]!r}"


def cross_producer_changes(first: dict, second: dict) -> list[tuple]:
    """The changes the diff finds between two typesettings of one edition (kept programmes), as tuples."""
    from pipeline.comparison.diff import compare
    from pipeline.programme import Programme

    before, after = (Programme.model_validate_json(result["programme"]) for result in (first, second))
    return [(c.kind, c.entity, c.before, c.after) for c in compare(before, after).changes]


def cross_producer_pairs(results: list[dict], limit: int = 40) -> list[tuple[int, int, int]]:
    """Seeds of one edition typeset by two producers, paired in order (at most `limit`), with the number of
    changes the diff finds between them."""
    pairs = []
    for index, first in enumerate(results):
        second = next((r for r in results[index + 1:] if r["edition"] == first["edition"]
                       and r["producer"] != first["producer"] and "programme" in r), None)
        if "programme" in first and second is not None and len(pairs) < limit:
            pairs.append((first["seed"], second["seed"], len(cross_producer_changes(first, second))))
    return pairs


def run_seeds(seeds: list[int], keep: bool = False, jobs: int | None = None, producers: Sequence[str] = ("reportlab",),
              engines: bool = False):
    """Results of `run_seed` for each seed, in order, from a pool of processes, each seed typeset by its
    producer (`producer_for`)."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(run_seed, seeds, [keep] * len(seeds), [producer_for(s, producers) for s in seeds],
                            [engines] * len(seeds))


def producer_for(seed: int, producers: Sequence[str]) -> str:
    """The producer of a seed: seeds take turns in pairs (seeds alternate between the editions, so that
    each producer sets both)."""
    return producers[seed // 2 % len(producers)]


def report_failure(result: dict) -> str:
    """What a failing seed drew and how to reproduce it."""
    producer = result.get("producer", "reportlab")
    return (f"seed {result['seed']} ({result['edition']}, {producer}) below the thresholds: {result['below']}\n"
            f"missed dossiers: {result.get('missed') or result.get('error')}\n"
            f"strange words: {result.get('fidelity', {}).get('examples')}\n"
            f"style: {json.dumps(dimension_values(result['seed'], producer), ensure_ascii=False)}\n"
            f"reproduce: make sweep SEED={result['seed']} PRODUCERS={producer}")


BINS = {"margin": 10.0, "gutter": 5.0, "body": 1.0, "leading": 0.1, "mark_rise": 0.1, "mark_scale": 0.1,
        "heading_measure": 0.1}


def dimension_values(seed: int, producer: str = "reportlab") -> dict[str, str]:
    """The style's value in each dimension, as short strings for the table (measures in bins)."""
    module = producer_module(producer)
    if module is not None:
        return module.draw(seed)
    values = {}
    for key, value in asdict(draw_style(seed)).items():
        if key == "total_pages":
            continue
        if key == "widths":
            values["columns"] = str(len(value))
            values["column widths"] = "equal" if len(set(value)) == 1 else "unequal"
        elif key in BINS:
            low = int(value // BINS[key]) * BINS[key]
            values[key] = f"{low:g}–{low + BINS[key]:g}"
        elif isinstance(value, dict):
            values[key] = "+".join(k if v is True else f"{k}={v}" for k, v in value.items() if v not in (False,))
        else:
            values[key] = str(value)
    return values


def strange_share(results: list[dict], key: str, with_counts: bool = False) -> list[str]:
    """The strange words of the results' `key` fidelity, all words, and the share, as table cells."""
    strange = sum(r.get(key, {}).get("strange", 0) for r in results)
    words = sum(r.get(key, {}).get("words", 0) for r in results)
    share = f"{strange / max(1, words):.4%}"
    return [str(strange), str(words), share] if with_counts else [share]


def sweep_table(results: list[dict]) -> str:
    """Markdown: the overall distribution, then per dimension and value the share of seeds that pass."""
    passed = [r for r in results if not r["below"]]
    lines = ["# House-style sweep", "",
             f"{len(passed)} of {len(results)} seeds reach every threshold "
             f"({100 * len(passed) / max(1, len(results)):.1f} %).", "",
             "| measure | threshold | min | 5th pct | median | seeds below |", "|---|---|---|---|---|---|"]
    scored = [r for r in results if "scores" in r]
    for key, threshold in THRESHOLDS.items():
        values = sorted(r["scores"][key] for r in scored) or [0.0]
        below = sum(1 for r in results if key in r["below"])
        lines.append(f"| {key} | {threshold} | {values[0]:.3f} | {values[len(values) // 20]:.3f} | "
                     f"{values[len(values) // 2]:.3f} | {below} |")
    errors = [r for r in results if "error" in r]
    compared = any("engines_agree" in r for r in results)
    lines += ["", f"Extraction errors: {len(errors)}.", "", "## Per producer", "",
              "Strange words: words of the extracted dossier and request texts that are no words of the source "
              f"(threshold {MAX_STRANGE_WORDS:.1%} of them), with {ENGINES[0]}"
              + (f" and with {ENGINES[1]}; engines agree: the same programme JSON from both." if compared else "."),
              "", "| producer | seeds | passing | strange words | words | strange share |"
              + (f" {ENGINES[1]} strange share | engines agree |" if compared else ""),
              "|---|---|---|---|---|---|" + ("---|---|" if compared else "")]
    by_producer: dict[str, list[dict]] = defaultdict(list)
    for result in results:
        by_producer[result.get("producer", "reportlab")].append(result)
    for producer, group in sorted(by_producer.items()):
        row = f"| {producer} | {len(group)} | {sum(not r['below'] for r in group)} | "
        row += " | ".join(strange_share(group, "fidelity", with_counts=True)) + " |"
        if compared:
            agree = sum(bool(r.get("engines_agree")) for r in group)
            row += f" {strange_share(group, 'reference_fidelity')[-1]} | {agree} of {len(group)} |"
        lines.append(row)
    lines += ["", "## Per dimension", "",
              "| producer | dimension | value | seeds | failing | failing share |", "|---|---|---|---|---|---|"]
    table: dict[tuple[str, str, str], list[bool]] = defaultdict(list)
    for result in results:
        producer = result.get("producer", "reportlab")
        for key, value in dimension_values(result["seed"], producer).items():
            table[producer, key, value].append(bool(result["below"]))
    for (producer, key, value), fails in sorted(table.items()):
        lines.append(f"| {producer} | {key} | {value} | {len(fails)} | {sum(fails)} | "
                     f"{sum(fails) / len(fails):.2f} |")
    pairs = cross_producer_pairs(results)
    if pairs:
        lines += ["", "## One edition from two producers", "",
                  f"{sum(changes == 0 for _, _, changes in pairs)} of {len(pairs)} pairs of seeds of one edition "
                  "from two producers have no change in the diff.", ""]
        lines += [f"- seeds {a} and {b}: {changes} changes" for a, b, changes in pairs if changes]
    failing = [r for r in results if r["below"]]
    if failing:
        lines += ["", "## Failing seeds", ""]
        lines += [f"- seed {r['seed']} ({r['edition']}, {r.get('producer', 'reportlab')}): {r['below']} "
                  f"missed {r.get('missed') or r.get('error')} strange {r.get('fidelity', {}).get('examples')}"
                  for r in failing]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=500, help="how many seeds (0 … N-1)")
    parser.add_argument("--seed", type=int, help="one seed: typeset it into --out and score it")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "output")
    parser.add_argument("--producers", default="reportlab",
                        help="PDF producers to spread the seeds over (reportlab, office, ...; default reportlab)")
    parser.add_argument("--engines", action="store_true",
                        help="also read each PDF with the reference engine: engine agreement and its fidelity")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    producers = args.producers.split(",")
    for producer in producers:
        module = producer_module(producer)
        if module is not None and (reason := module.missing()):
            parser.error(f"{producer}: {reason}")
    if args.seed is not None:
        producer = producer_for(args.seed, producers)
        print(json.dumps(dimension_values(args.seed, producer), ensure_ascii=False))
        print(f"typeset: {typeset(args.seed, args.out, producer=producer)}")
        result = run_seed(args.seed, producer=producer)
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 1 if result["below"] else 0
    started = time.perf_counter()
    results = []
    path = args.out / "sweep.md"
    seeds = list(range(args.seeds))
    for index, result in enumerate(run_seeds(seeds, keep=len(producers) > 1, jobs=args.jobs, producers=producers,
                                             engines=args.engines), start=1):
        results.append(result)
        status = "ok" if not result["below"] else f"below {result['below']}"
        print(f"[{index}/{args.seeds}] seed {result['seed']} ({result['producer']}): {status}", file=sys.stderr,
              flush=True)
        if index % 25 == 0 or index == args.seeds:
            path.write_text(sweep_table(results), encoding="utf-8")
            path.with_suffix(".json").write_text(json.dumps([{k: v for k, v in r.items() if k != "programme"}
                                                             for r in results], indent=1), encoding="utf-8")
    failing = sum(1 for r in results if r["below"])
    print(f"{args.seeds - failing} of {args.seeds} seeds pass; table in {path} "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
