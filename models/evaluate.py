"""Evaluate a Dutch pipeline on the evaluation sentences and write the figures into its meta.json.

    python models/evaluate.py MODEL_DIR EVAL.spacy [--speed-pdf EDITION.pdf]

UPOS, fine-grained tag (where the pipeline has a tagger), morphology and lemma
accuracy, sentence boundaries (P/R/F), and speed: tokens per second with
`nlp.pipe` on one thread, multiplying matrices as the project's loader has it
(numpy, see `pipeline.nlp.model.MATRIX_OPS`), on the evaluation sentences (the
first pass, and the median of the passes after it) and, with --speed-pdf, on
the text of an edition, page by page.  Lemmas are compared without the
compound underscores of the current UD files (see convert.py).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import pdfplumber
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from pipeline.nlp.model import MATRIX_OPS

# Passes over the evaluation sentences timed after the first (which meets most words for the first time).
SPEED_PASSES = 3


def boundaries(doc: Doc) -> set[int]:
    return {sentence.start for sentence in doc.sents}


def load(model: Path) -> Language:
    """The pipeline with the matrix products the project's loader uses."""
    with use_ops(**MATRIX_OPS):
        return spacy.load(model)


def evaluate(model: Path, eval_path: Path) -> dict:
    nlp = load(model)
    gold = list(DocBin().from_disk(eval_path).get_docs(nlp.vocab))
    rates, predicted = [], []
    for _ in range(1 + SPEED_PASSES):
        unlabelled = [Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g]) for g in gold]
        started = time.perf_counter()
        predicted = list(nlp.pipe(unlabelled))
        rates.append(sum(map(len, predicted)) / (time.perf_counter() - started))
    tokens = pos = tag = tagged = morph = lemma = 0
    found = correct = expected = 0
    for g, p in zip(gold, predicted, strict=True):
        for a, b in zip(g, p, strict=True):
            tokens += 1
            pos += a.pos_ == b.pos_
            morph += str(a.morph) == str(b.morph)
            lemma += a.lemma_.replace("_", "") == b.lemma_.replace("_", "")
            if a.tag_:
                tagged += 1
                tag += a.tag_ == b.tag_
        gold_starts, predicted_starts = boundaries(g), boundaries(p)
        found += len(predicted_starts)
        expected += len(gold_starts)
        correct += len(gold_starts & predicted_starts)
    precision, recall = correct / found, correct / expected
    return {
        "eval_tokens": tokens, "pos_acc": pos / tokens,
        **({"tag_acc": tag / tagged} if "tagger" in nlp.pipe_names else {}),
        "morph_acc": morph / tokens, "lemma_acc": lemma / tokens,
        "sents_p": precision, "sents_r": recall, "sents_f": 2 * precision * recall / (precision + recall),
        "eval_words_per_second_first_pass": rates[0], "eval_words_per_second": statistics.median(rates[1:]),
    }


def pdf_words_per_second(model: Path, pdf: Path, passes: int = 5) -> dict[str, float]:
    """Tokens per second with `nlp.pipe` on the text of a PDF (one document per page, lines joined by
    spaces so that line breaks are no tokens), after a warm-up on its first pages: the first pass,
    which meets most words for the first time, and the median of the passes after it."""
    nlp = load(model)
    with pdfplumber.open(pdf) as document:
        pages = [" ".join((page.extract_text() or "").split()) for page in document.pages]
    list(nlp.pipe(pages[:3]))
    rates = []
    for _ in range(passes):
        started = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(pages))
        rates.append(tokens / (time.perf_counter() - started))
    return {"pdf_words_per_second_first_pass": rates[0], "pdf_words_per_second": statistics.median(rates[1:])}


def record(model: Path, eval_path: Path, speed_pdf: Path | None = None) -> dict:
    """Evaluate the pipeline in `model` (on one thread) and write the rounded figures into its meta.json."""
    with threadpool_limits(limits=1, user_api="blas"):
        scores = evaluate(model, eval_path)
        if speed_pdf:
            scores.update(pdf_words_per_second(model, speed_pdf))
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {key: round(value, 4) for key, value in scores.items()}
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta["performance"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("eval", type=Path)
    parser.add_argument("--speed-pdf", type=Path)
    args = parser.parse_args()
    print(json.dumps(record(args.model, args.eval, args.speed_pdf), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
