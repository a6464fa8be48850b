"""`make bench`: how fast, how scalable and how lean the pipeline is.

1. Per corpus edition, in one process with the models loaded: the full
   pipeline (layout, repair, structure, NLP, graph, JSON) against pdfplumber's
   bare `page.extract_text()` over all pages of the same file; the median of
   several repetitions, the seconds per stage, the ratio, and the words per
   second of the NLP stage.
2. Scale: a batch of editions (the corpus twice) against one edition, per page;
   and a 400-page document (the 2024 edition ten times over) through the
   command line: seconds and peak memory of the whole process tree.
3. The cache: a second run of the command on an unchanged PDF.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pdfplumber
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract import extract  # noqa: E402
from pipeline.graph import build_graph, graph_json  # noqa: E402
from pipeline.nlp import default_model  # noqa: E402
from pipeline.output import canonical_json  # noqa: E402
from pipeline.repair import dutch_lexicon  # noqa: E402

REPETITIONS = 3
COMMAND = [str(Path(sys.executable).parent / "werkprogramma")]


def extract_text_seconds(pdf: Path) -> float:
    started = time.perf_counter()
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            page.extract_text()
    return time.perf_counter() - started


def pipeline_seconds(pdf: Path) -> tuple[float, dict[str, float], int]:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    programme = extract(pdf, timings=timings)
    lap = time.perf_counter()
    graph_json(build_graph(programme))
    timings["graph"] = time.perf_counter() - lap
    lap = time.perf_counter()
    canonical_json(programme)
    timings["json"] = time.perf_counter() - lap
    words = sum(len(t.split()) for p in programme.parts for th in p.themes
                for t in [th.intro, *(d.text for d in th.dossiers), *(r.text for r in th.advisory_requests)])
    words += sum(len(f.text.split()) for f in programme.front_matter) + sum(len(p.intro.split())
                                                                            for p in programme.parts)
    return time.perf_counter() - started, timings, words


def tree_memory(pid: int) -> int:
    """Proportional set size (bytes) of a process and all its descendants: pages shared by
    forked processes are counted once, split over the processes that share them."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_measured(args: list[str], env: dict) -> tuple[float, int, int]:
    """Wall seconds, peak memory of the process tree and exit status of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_memory(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    status = process.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - started, peak, status


def main() -> int:
    editions = sorted((ROOT / "corpus").glob("*.pdf"))
    print(f"machine: {os.cpu_count()} cores; repetitions: {REPETITIONS} (medians)")
    default_model()
    dutch_lexicon()
    print("\n1. one edition, models loaded")
    print(f"{'edition':26} {'extract_text':>12} {'pipeline':>9} {'ratio':>6}  stages (s)  NLP words/s")
    for pdf in editions:
        bare = statistics.median(extract_text_seconds(pdf) for _ in range(REPETITIONS))
        runs = [pipeline_seconds(pdf) for _ in range(REPETITIONS)]
        total = statistics.median(r[0] for r in runs)
        stages = {k: statistics.median(r[1][k] for r in runs) for k in runs[0][1]}
        words = runs[0][2]
        print(f"{pdf.stem:26} {bare:12.2f} {total:9.2f} {total / bare:6.2f}  "
              + " ".join(f"{k}={v:.2f}" for k, v in stages.items()) + f"  {words / stages['nlp']:,.0f}")

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        env = {**os.environ, "WERKPROGRAMMA_CACHE": str(folder / "cache")}
        print("\n2. scale")
        one, _, _ = run_measured([*COMMAND, "extract", str(editions[-1]), "--out", str(folder / "one"),
                                  "--no-cache"], env)
        pages_one = len(PdfReader(editions[-1]).pages)
        batch = []
        for copy in range(2):
            for pdf in editions:
                target = folder / f"{pdf.stem}-copy{copy}.pdf"
                target.write_bytes(pdf.read_bytes())
                batch.append(target)
        many, _, _ = run_measured([*COMMAND, "extract", *map(str, batch), "--out", str(folder / "batch"),
                                   "--no-cache"], env)
        pages_many = sum(len(PdfReader(p).pages) for p in batch)
        print(f"1 edition:  {pages_one:4d} pages {one:6.2f} s  {one / pages_one * 1000:5.0f} ms/page")
        print(f"{len(batch)} editions: {pages_many:4d} pages {many:6.2f} s  {many / pages_many * 1000:5.0f} ms/page")
        writer = PdfWriter()
        for _ in range(10):
            writer.append(str(editions[-1]))
        big = folder / "werkprogramma-400.pdf"
        with big.open("wb") as handle:
            writer.write(handle)
        pages_big = len(PdfReader(big).pages)
        seconds, peak, status = run_measured([*COMMAND, "extract", str(big), "--out", str(folder / "big"),
                                              "--no-cache"], env)
        print(f"{pages_big}-page document: {seconds:.1f} s, peak memory {peak / 2**20:.0f} MB "
              f"(PSS of the whole process tree), exit status {status}")

        print("\n3. cache")
        run_measured([*COMMAND, "extract", str(editions[-1]), "--out", str(folder / "cached")], env)
        again, _, _ = run_measured([*COMMAND, "extract", str(editions[-1]), "--out", str(folder / "cached")], env)
        print(f"re-run of an unchanged edition: {again:.2f} s (whole command)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
