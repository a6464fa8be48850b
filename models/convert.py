"""Convert the UD Dutch treebanks to spaCy's binary training format.

Training material: the 2017 LassySmall train file, the current LassySmall dev
file and the Alpino dev file, duplicate sentences removed.  Evaluation
material: the Alpino test file plus the LassySmall test sentences that are not
in the training material (LassySmall was re-split after 2017).  Sentences are
compared by their token sequences.  XPOS written as "_" (the 2017 file has no
fine-grained tags) becomes a missing tag, not a label.

    python models/convert.py UD_FOLDER OUT_FOLDER
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

TRAIN_FILES = ("nl_lassysmall-ud-train-v2.0.conllu", "nl_lassysmall-ud-dev.conllu", "nl_alpino-ud-dev.conllu")
EVAL_FILES = ("nl_alpino-ud-test.conllu", "nl_lassysmall-ud-test.conllu")
SENTENCES_PER_DOC = 10


def sentences(path: Path) -> Iterator[list[list[str]]]:
    """The token rows (10 CoNLL-U columns) of each sentence; multiword ranges and empty nodes left out."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if rows:
                yield rows
            rows = []
        elif not line.startswith("#"):
            columns = line.split("\t")
            if columns[0].isdigit():
                rows.append(columns)
    if rows:
        yield rows


def to_doc(vocab: Vocab, group: list[list[list[str]]]) -> Doc:
    """One Doc of several sentences with tags, POS, morphology, lemmas and dependencies."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
    for rows in group:
        offset = len(words)
        for index, row in enumerate(rows):
            _, form, lemma, upos, xpos, feats, head, deprel, _, misc = row
            words.append(form)
            spaces.append("SpaceAfter=No" not in misc)
            tags.append("" if xpos == "_" else xpos)
            pos.append(upos)
            morphs.append("" if feats == "_" else feats)
            lemmas.append(lemma)
            heads.append(offset + int(head) - 1 if head != "0" else offset + index)
            deps.append("ROOT" if deprel == "root" else deprel)
            starts.append(index == 0)
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, lemmas=lemmas,
               heads=heads, deps=deps, sent_starts=starts)


def write(path: Path, vocab: Vocab, items: list[list[list[str]]]) -> None:
    docs = DocBin(store_user_data=False)
    for start in range(0, len(items), SENTENCES_PER_DOC):
        docs.add(to_doc(vocab, items[start:start + SENTENCES_PER_DOC]))
    docs.to_disk(path)


def main(ud: Path, out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    seen: set[tuple[str, ...]] = set()
    train, evaluation, stats = [], [], {"train": {}, "eval": {}}
    for name in TRAIN_FILES:
        kept = 0
        for rows in sentences(ud / name):
            key = tuple(r[1] for r in rows)
            if key not in seen:
                seen.add(key)
                train.append(rows)
                kept += 1
        stats["train"][name] = kept
    eval_seen: set[tuple[str, ...]] = set()
    for name in EVAL_FILES:
        kept = 0
        for rows in sentences(ud / name):
            key = tuple(r[1] for r in rows)
            if key not in seen and key not in eval_seen:
                eval_seen.add(key)
                evaluation.append(rows)
                kept += 1
        stats["eval"][name] = kept
    vocab = Vocab()
    write(out / "train.spacy", vocab, train)
    write(out / "eval.spacy", vocab, evaluation)
    stats["train_sentences"], stats["eval_sentences"] = len(train), len(evaluation)
    (out / "data.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return stats


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
