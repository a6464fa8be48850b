"""Package a trained pipeline as the project's Dutch pipeline `models/nl_werkprogramma`.

    python models/package.py TRAINED_MODEL_DIR TARGET_DIR DATA_DIR [SPEED_PDF]

Writes the sources, licence, training-data and lexicon-feature figures into
meta.json (the pipeline holds only spaCy's own components, so it loads with
nothing but spaCy), keeps only the strings the pipeline reads, then evaluates
on DATA_DIR/eval.spacy (models/evaluate.py; speed also on SPEED_PDF, an
edition) and records the figures there.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import spacy
import srsly
from spacy.strings import hash_string

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import record
from lexicon import keep_key_attribute

SOURCES = [
    {"name": "UD Dutch LassySmall", "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
     "files": "nl_lassysmall-ud-train-v2.0.conllu (UD 2.0, commit ccd0244), nl_lassysmall-ud-dev.conllu and "
              "nl_lassysmall-ud-test.conllu (commit 7880e0b)",
     "author": "Gosse Bouma, Gertjan van Noord", "license": "CC BY-SA 4.0"},
    {"name": "UD Dutch Alpino", "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
     "files": "nl_alpino-ud-dev.conllu and nl_alpino-ud-test.conllu (commit 95e374a)",
     "author": "Daniel Zeman, Zdeněk Žabokrtský, Gosse Bouma, Gertjan van Noord", "license": "CC BY-SA 4.0"},
    {"name": "spacy-lookups-data (Dutch lemma tables: word classes and lemma rewrites as static features)",
     "url": "https://github.com/explosion/spacy-lookups-data", "license": "MIT"},
]


def tree_strings(pipeline: Path) -> set[int]:
    """The hashes of the strings the saved pipeline's lemmatizer edit trees read."""
    trees = srsly.msgpack_loads((pipeline / "trainable_lemmatizer" / "trees").read_bytes())["trees"]
    return {node[key] for node in trees for key in ("orig", "subst") if key in node}


def keep_tree_strings(pipeline: Path) -> int:
    """Drop the strings a saved pipeline never reads; return how many are kept.

    Training leaves every word of the training data in the string store (a sixth of the pipeline's
    size, and time to load); at run time only the lemmatizer's edit trees look strings up.
    """
    read = tree_strings(pipeline)
    path = pipeline / "vocab" / "strings.json"
    kept = [s for s in json.loads(path.read_text(encoding="utf-8")) if hash_string(s) in read]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return len(kept)


def main(trained: Path, target: Path, data: Path, speed_pdf: Path | None = None) -> None:
    nlp = spacy.load(trained)
    nlp.meta.update({
        "name": "werkprogramma", "version": "0.1.0", "lang": "nl",
        "description": "Dutch tagger, morphologizer, trainable lemmatizer and sentence recogniser for the "
                       "werkprogramma project, trained on UD Dutch LassySmall and Alpino, reading the word classes "
                       "and lemma rewrites of the Dutch lookup tables as static features.",
        "license": "CC BY-SA 4.0", "sources": SOURCES, "author": "werkprogramma",
        "training_data": json.loads((data / "data.json").read_text(encoding="utf-8")),
        "lexicon_features": {"source": "models/lexicon.py", "forms": len(nlp.vocab.vectors.key2row),
                             "rows": nlp.vocab.vectors.shape[0], "width": nlp.vocab.vectors.shape[1]},
    })
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    keep_key_attribute(target)
    keep_tree_strings(target)
    print(json.dumps(record(target, data / "eval.spacy", speed_pdf), indent=1))


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    main(*map(Path, sys.argv[1:]))
