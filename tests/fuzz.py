"""Mutated PDFs for robustness testing: byte flips, cut-offs, deleted objects, shuffled xref tables.

    python tests/fuzz.py --cases 5000 [--realworld ../shared/realworld]   (what `make fuzz` runs)
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

OBJECT = re.compile(rb"\n\d+ 0 obj\b.*?endobj", re.DOTALL)
XREF_ROW = re.compile(rb"^\d{10} \d{5} [nf]\s*$", re.MULTILINE)


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def cut_off(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def delete_object(data: bytes, rng: random.Random) -> bytes:
    objects = list(OBJECT.finditer(data))
    if not objects:
        return flip_bytes(data, rng)
    victim = rng.choice(objects)
    return data[: victim.start()] + data[victim.end():]


def shuffle_xref(data: bytes, rng: random.Random) -> bytes:
    rows = list(XREF_ROW.finditer(data))
    if len(rows) < 2:
        return cut_off(data, rng)
    values = [m.group(0) for m in rows]
    rng.shuffle(values)
    out, last = [], 0
    for match, value in zip(rows, values, strict=True):
        out += [data[last:match.start()], value]
        last = match.end()
    return b"".join([*out, data[last:]])


MUTATIONS = (flip_bytes, cut_off, delete_object, shuffle_xref)


def mutants(seeds: list[Path], count: int, folder: Path, seed: int = 0) -> list[Path]:
    """Write `count` mutated copies of the seed PDFs into `folder` (deterministic for a seed)."""
    rng = random.Random(seed)
    originals = [p.read_bytes() for p in seeds]
    paths = []
    for index in range(count):
        mutation = MUTATIONS[index % len(MUTATIONS)]
        path = folder / f"case{index:05d}-{mutation.__name__}.pdf"
        path.write_bytes(mutation(originals[index % len(originals)], rng))
        paths.append(path)
    return paths


def check(outcomes, out_dir: Path) -> list[str]:
    """Problems: anything but a valid programme JSON or a one-line error naming the file."""
    from pipeline.schema import validation_errors

    problems = []
    for outcome in outcomes:
        name = outcome.source.name
        if outcome.error is not None:
            if "\n" in outcome.error or not outcome.error.startswith(f"{name}: "):
                problems.append(f"{name}: bad error message {outcome.error!r}")
            if "internal error" in outcome.error or "process died" in outcome.error:
                problems.append(f"{name}: {outcome.error}")
            if (out_dir / outcome.source.stem).exists():
                problems.append(f"{name}: output written despite the error")
        elif errors := validation_errors(outcome.output):
            problems.append(f"{name}: invalid programme JSON ({errors[0]})")
    problems += [f"left-over temporary file {p}" for p in out_dir.rglob("*.tmp")]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--realworld", type=Path, help="a folder of real-world PDFs to run as well")
    parser.add_argument("--jobs", type=int, default=0, help="processes at once (default: one per core)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pdfmaker import ONE_COLUMN_SERIF, SAMPLE, TWO_COLUMN, render

    from pipeline.nlp import default_model
    from pipeline.run.batch import Settings, extract_all
    from pipeline.utils.lookups import dutch_lexicon

    default_model()
    dutch_lexicon()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        seeds = [render(folder / "seed-two.pdf", SAMPLE, TWO_COLUMN),
                 render(folder / "seed-one.pdf", SAMPLE, ONE_COLUMN_SERIF)]
        cases = mutants(seeds, args.cases, folder, args.seed)
        if args.realworld:
            cases += sorted(args.realworld.rglob("*.pdf"))
        out = folder / "out"
        started = time.perf_counter()
        outcomes = extract_all(cases, Settings(out_dir=out, jobs=args.jobs, timeout=args.timeout,
                                                      use_cache=False),
                               lambda i, n, o: print(f"\r{i}/{n}", end="", file=sys.stderr, flush=True))
        print(file=sys.stderr)
        problems = check(outcomes, out)
        kinds = Counter(o.error.split(": ", 1)[1].split(" (")[0] if o.error else "programme" for o in outcomes)
        print(json.dumps({"cases": len(cases), "seconds": round(time.perf_counter() - started, 1),
                          "outcomes": dict(kinds.most_common()), "problems": problems}, indent=1,
                         ensure_ascii=False))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
