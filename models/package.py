"""Package a trained pipeline as the project's Dutch pipeline `models/nl_werkprogramma`.

    python models/package.py TRAINED_MODEL_DIR TARGET_DIR DATA_DIR

Adds the lookup-table lemma backstop after the trainable lemmatizer, writes
the sources, licence and training-data figures into meta.json, then evaluates
on DATA_DIR/eval.spacy (models/evaluate.py) and records the figures there.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import evaluate

import pipeline.lemma_backstop  # noqa: F401  (registers the backstop component)

SOURCES = [
    {"name": "UD Dutch LassySmall", "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
     "files": "nl_lassysmall-ud-train-v2.0.conllu (UD 2.0, commit ccd0244), nl_lassysmall-ud-dev.conllu and "
              "nl_lassysmall-ud-test.conllu (commit 7880e0b)",
     "author": "Gosse Bouma, Gertjan van Noord", "license": "CC BY-SA 4.0"},
    {"name": "UD Dutch Alpino", "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
     "files": "nl_alpino-ud-dev.conllu and nl_alpino-ud-test.conllu (commit 95e374a)",
     "author": "Daniel Zeman, Zdeněk Žabokrtský, Gosse Bouma, Gertjan van Noord", "license": "CC BY-SA 4.0"},
    {"name": "spacy-lookups-data (Dutch lemma lookup table, lemma backstop)",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT"},
]


def main(trained: Path, target: Path, data: Path) -> None:
    nlp = spacy.load(trained)
    if "werkprogramma_lemma_backstop" not in nlp.pipe_names:
        nlp.add_pipe("werkprogramma_lemma_backstop", after="trainable_lemmatizer")
    nlp.meta.update({
        "name": "werkprogramma", "version": "0.1.0", "lang": "nl",
        "description": "Dutch tagger, morphologizer, trainable lemmatizer (with a lookup backstop) and sentence "
                       "recogniser for the werkprogramma project, trained on UD Dutch LassySmall and Alpino.",
        "license": "CC BY-SA 4.0", "sources": SOURCES, "author": "werkprogramma",
        "training_data": json.loads((data / "data.json").read_text(encoding="utf-8")),
    })
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    scores = evaluate(target, data / "eval.spacy")
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    meta["performance"] = {k: round(v, 4) for k, v in scores.items()}
    (target / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(meta["performance"], indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
