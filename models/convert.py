"""Convert the UD Dutch treebanks to spaCy's binary training format.

Training material: the 2017 LassySmall train file, the current LassySmall dev
file and the Alpino dev file, duplicate sentences removed.  Evaluation
material: the Alpino test file plus the LassySmall test sentences that are not
in the training material (LassySmall was re-split after 2017).  Sentences are
compared by their token sequences.  XPOS written as "_" (the 2017 file has no
fine-grained tags) becomes a missing tag, not a label.

The 2017 file follows the UD 2.0 guidelines; the current files follow later
ones (possessives are PRON instead of DET, ordinals ADJ instead of NUM, …).
`harmonise` moves the 2017 part POS tags to the current convention, learnt from
the current training files only: a word form whose tag is consistent in both
but different is retagged; `harmonise_feature_values` respells feature values
the current files spell in another case (`Foreign=yes` → `Foreign=Yes`).
Lemmas are written without the compound
segmentation underscores of the current files ("op_nemen" → "opnemen"), the
form the NLP stage needs; the evaluation compares lemmas the same way.

    python models/convert.py UD_FOLDER OUT_FOLDER
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

TRAIN_FILES = ("nl_lassysmall-ud-train-v2.0.conllu", "nl_lassysmall-ud-dev.conllu", "nl_alpino-ud-dev.conllu")
EVAL_FILES = ("nl_alpino-ud-test.conllu", "nl_lassysmall-ud-test.conllu")
SENTENCES_PER_DOC = 10
# Every 10th training sentence is held out (dev.spacy) to choose the number of
# training steps, so that the evaluation sentences play no part in training or
# model selection; the final run then trains on them too (see config.cfg).
DEV_EVERY = 10
# The current training files follow the guidelines of the evaluation files; they
# are repeated this many times so that their conventions weigh more than the
# 2017 file's (decided before any evaluation, not tuned on it).
CURRENT_WEIGHT = 2


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


# Possessive determiners of UD 2.0 are possessive pronouns now (with their person).
POSSESSIVES = {"mijn": "1", "m'n": "1", "ons": "1", "onze": "1", "jouw": "2", "je": "2", "uw": "2", "jullie": "2",
               "zijn": "3", "z'n": "3", "haar": "3", "d'r": "3", "hun": "3"}
# Only function-word classes are harmonised; open classes differ by sentence, not by convention.
HARMONISED_TAGS = {"DET", "PRON", "NUM", "ADJ", "AUX", "VERB", "ADV", "CCONJ", "SCONJ", "ADP"}


def harmonise(old: list[list[list[str]]], current: list[list[list[str]]], share: float = 0.9,
              minimum: int = 3) -> dict[str, tuple[str, str]]:
    """Retag forms of the old sentences whose UPOS is consistent in both sets but different; return the map."""
    def distribution(sentences):
        counts: dict[str, Counter] = {}
        for rows in sentences:
            for row in rows:
                counts.setdefault(row[1].lower(), Counter())[row[3]] += 1
        return counts

    before, after = distribution(old), distribution(current)
    mapping = {}
    for form, counts in before.items():
        now = after.get(form)
        if not now or sum(now.values()) < minimum:
            continue
        old_tag, old_n = counts.most_common(1)[0]
        new_tag, new_n = now.most_common(1)[0]
        consistent = old_n / sum(counts.values()) >= share and new_n / sum(now.values()) >= share
        if old_tag != new_tag and consistent and {old_tag, new_tag} <= HARMONISED_TAGS:
            mapping[form] = (old_tag, new_tag)
    for rows in old:
        for row in rows:
            form = row[1].lower()
            old_tag, new_tag = mapping.get(form, (None, None))
            if row[3] == old_tag:
                row[3] = new_tag
            if row[3] == "DET" and row[2].lower() in POSSESSIVES and form in POSSESSIVES:
                row[3], row[5] = "PRON", f"Person={POSSESSIVES[form]}|Poss=Yes|PronType=Prs"
    return mapping


def harmonise_feature_values(old: list[list[list[str]]], current: list[list[list[str]]]) -> dict[str, str]:
    """Respell old feature values that the current files write in another case ("Foreign=yes" → "Foreign=Yes")."""
    current_features = {feature for rows in current for row in rows if row[5] != "_" for feature in row[5].split("|")}
    by_lower = {feature.lower(): feature for feature in current_features}
    mapping: dict[str, str] = {}
    for rows in old:
        for row in rows:
            if row[5] == "_":
                continue
            features = row[5].split("|")
            for feature in features:
                if feature not in current_features and feature.lower() in by_lower:
                    mapping[feature] = by_lower[feature.lower()]
            row[5] = "|".join(sorted((mapping.get(f, f) for f in features), key=str.lower))
    return mapping


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
            lemmas.append(lemma.replace("_", "") if lemma != "_" else lemma)
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
    per_file = {}
    for name in TRAIN_FILES:
        kept = []
        for rows in sentences(ud / name):
            key = tuple(r[1] for r in rows)
            if key not in seen:
                seen.add(key)
                kept.append(rows)
        per_file[name] = kept
        train += kept
        stats["train"][name] = len(kept)
    old, current = per_file[TRAIN_FILES[0]], [rows for name in TRAIN_FILES[1:] for rows in per_file[name]]
    mapping = harmonise(old, current)
    stats["harmonised_forms"] = {form: f"{a}->{b}" for form, (a, b) in sorted(mapping.items())}
    stats["harmonised_features"] = harmonise_feature_values(old, current)
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
    development = train[::DEV_EVERY]
    old_count = len(per_file[TRAIN_FILES[0]])
    train = [rows for index, rows in enumerate(train) if index % DEV_EVERY
             for _ in range(1 if index < old_count else CURRENT_WEIGHT)]
    write(out / "train.spacy", vocab, train)
    write(out / "dev.spacy", vocab, development)
    write(out / "eval.spacy", vocab, evaluation)
    stats["train_sentences"], stats["dev_sentences"] = len(train), len(development)
    stats["eval_sentences"] = len(evaluation)
    (out / "data.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return stats


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
