"""`make bench`: how fast, how scalable and how lean the pipeline is, against the speed targets.

Every figure is the median of `REPETITIONS` runs on this machine, taken in one
run of the bench so that they share its load:

1. Whole processes, cold (a fresh Python each time, no result cache): a bare
   pdfplumber `extract_text()` over every page, against
   `werkprogramma extract EDITION.pdf --no-cache` with NLP and with `--no-nlp`,
   per engine.  The commands take turns (one run of each, `REPETITIONS` times),
   so that a change in the machine's load during the bench falls on all of them
   alike instead of on whichever ran in that stretch.
2. The layout stage alone on one core, per engine (in one process, the PDF read
   from disk each time).
3. A 400-page document (the 2024 edition ten times over) through the command:
   seconds and peak memory of the whole process tree (the only run sampled
   for memory, which takes some CPU from it; the other runs are timed alone).
4. A cached re-run of the command on an unchanged edition.
5. Second figures, in one process with the models loaded: the seconds per stage.

Before and after, a core check times a fixed Python loop on each core: equal,
low figures mean a calm machine.  The whole-command ratios assume two free
cores (the command's two processes wait on each other), so read them with it.
The table at the end compares each figure with its target.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.layout import layout_pages, read_page  # noqa: E402
from pipeline.pdf.sources import ENGINES, document_info, page_contents  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402

REPETITIONS = 5
COMMAND = [str(Path(sys.executable).parent / "werkprogramma")]
BARE_TEXT_DUMP = ("import sys, pdfplumber\n"
                  "with pdfplumber.open(sys.argv[1]) as pdf:\n"
                  "    for page in pdf.pages:\n"
                  "        page.extract_text()\n")
CORE_PROBE = ("import time\nstarted = time.perf_counter()\ntotal = 0\n"
              "for i in range(6_000_000):\n    total += i * i\nprint(time.perf_counter() - started)\n")


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


def wall_seconds(args: list[str], env: dict) -> float:
    """Wall seconds of a command, not sampled for memory (reading /proc of every process in the tree
    each 0.05 s takes CPU from the command it measures)."""
    started = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def seconds_taking_turns(runs: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """The seconds of each run, the runs taking turns (one of each, `REPETITIONS` times)."""
    seconds: dict[str, list[float]] = {label: [] for label in runs}
    for _ in range(REPETITIONS):
        for label, run in runs.items():
            seconds[label].append(run())
    return seconds


def medians_taking_turns(runs: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The median seconds of each run, the runs taking turns."""
    return {label: statistics.median(values) for label, values in seconds_taking_turns(runs).items()}


def core_speeds() -> list[float]:
    """Seconds of a fixed pure-Python loop on each core this process may use, one core at a time: equal
    and low on an idle machine; higher, or unequal, where other work (or the host of a virtual machine)
    takes the cores, and then the command's two processes wait on each other more than a one-process
    text dump does."""
    speeds = []
    for core in sorted(os.sched_getaffinity(0)):
        done = subprocess.run([sys.executable, "-c", CORE_PROBE], capture_output=True, text=True, check=True,
                              preexec_fn=partial(os.sched_setaffinity, 0, {core}))
        speeds.append(float(done.stdout))
    return speeds


def layout_seconds(engine: str, pdf: Path) -> float:
    """The layout stage on one core: read every page through the engine and lay the document out."""
    rules = load_rules().layout
    started = time.perf_counter()
    pages = document_info(engine, pdf, None).pages
    layout_pages([read_page(c, rules) for c in page_contents(engine, pdf, None, range(1, pages + 1))], rules)
    return time.perf_counter() - started


def stage_seconds(pdf: Path) -> dict[str, float]:
    from pipeline.run.extract import extract

    timings: dict[str, float] = {}
    extract(pdf, timings=timings)
    return timings


def main() -> int:
    editions = sorted((ROOT / "corpus").glob("*.pdf"))
    edition = editions[-1]
    print(f"machine: {os.cpu_count()} cores; {REPETITIONS} repetitions per figure (medians); edition {edition.name}")
    print(f"core check before (s per core, a fixed loop): {' / '.join(f'{s:.2f}' for s in core_speeds())}")
    targets: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        env = {**os.environ, "WERKPROGRAMMA_CACHE": str(folder / "cache")}
        python = [sys.executable, "-c", BARE_TEXT_DUMP, str(edition)]

        print("\n1. whole processes, cold (the commands taking turns)")
        commands = {"bare": partial(wall_seconds, python, env)}
        for engine in ENGINES:
            for label, extra in (("NLP on", []), ("--no-nlp", ["--no-nlp"])):
                args = [*COMMAND, "extract", str(edition), "--no-cache", "--out", str(folder / "one"),
                        "--engine", engine, *extra]
                commands[f"{engine}, {label}"] = partial(wall_seconds, args, env)
        runs = seconds_taking_turns(commands)
        bare = statistics.median(runs.pop("bare"))
        print(f"bare pdfplumber extract_text(): {bare:.2f} s")
        for name, values in runs.items():
            engine, label = name.split(", ")
            seconds = statistics.median(values)
            print(f"werkprogramma extract --engine {engine} ({label}): {seconds:.2f} s = {seconds / bare:.2f} × bare"
                  f" (runs {min(values):.2f}–{max(values):.2f} s)")
            if engine == "pdfium":
                limit = 0.5 if label == "NLP on" else 0.25
                targets.append((f"whole command, {label}", f"≤ {limit} × bare", f"{seconds / bare:.2f} ×",
                                seconds / bare <= limit))

        print("\n2. layout stage alone, one core (the engines taking turns)")
        layout = medians_taking_turns({engine: partial(layout_seconds, engine, edition) for engine in ENGINES})
        for engine, seconds in layout.items():
            print(f"{engine}: {seconds:.3f} s")
        speedup = layout["pdfplumber"] / layout["pdfium"]
        print(f"pdfium is {speedup:.1f} × faster")
        targets.append(("layout stage, one core", "≥ 10 × faster than pdfplumber", f"{speedup:.1f} ×", speedup >= 10))

        print("\n3. a 400-page document")
        writer = PdfWriter()
        for _ in range(10):
            writer.append(str(edition))
        big = folder / "werkprogramma-400.pdf"
        with big.open("wb") as handle:
            writer.write(handle)
        pages_big = len(PdfReader(big).pages)
        seconds, peak, status = run_measured([*COMMAND, "extract", str(big), "--out", str(folder / "big"),
                                              "--no-cache"], env)
        print(f"{pages_big} pages: {seconds:.1f} s, peak memory {peak / 2**20:.0f} MB (PSS of the whole process "
              f"tree), exit status {status}")
        targets.append(("400 pages, seconds", "≤ 15 s", f"{seconds:.1f} s", seconds <= 15 and status == 0))
        targets.append(("400 pages, peak memory", "≤ 400 MB", f"{peak / 2**20:.0f} MB", peak <= 400 * 2**20))

        print("\n4. cache")
        cached = [*COMMAND, "extract", str(edition), "--out", str(folder / "cached")]
        wall_seconds(cached, env)
        again = medians_taking_turns({"cached": partial(wall_seconds, cached, env)})["cached"]
        print(f"re-run of an unchanged edition: {again:.2f} s (whole command)")
        targets.append(("cached re-run", "≤ 0.2 s", f"{again:.2f} s", again <= 0.2))

    print("\n5. second figures: stages in one process (first call, then with the models loaded)")
    for run in ("first", "warm"):
        print(f"{run}: " + " ".join(f"{k}={v:.2f}" for k, v in stage_seconds(edition).items()))

    print(f"\ncore check after (s per core): {' / '.join(f'{s:.2f}' for s in core_speeds())}")
    print("\n| target | goal | measured | met |\n|---|---|---|---|")
    for name, goal, measured, met in targets:
        print(f"| {name} | {goal} | {measured} | {'yes' if met else 'no'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
