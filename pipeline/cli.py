"""The `werkprogramma` command: a thin layer over the library functions."""
from __future__ import annotations

import argparse
import io
import json
import signal
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.pdf.sources import DEFAULT_ENGINE, ENGINES
from pipeline.render.i18n import DEFAULT_LANGUAGE, LANGUAGES
from pipeline.run.batch import DEFAULT_TIMEOUT, Outcome, Settings, extract_all, summary_table
from pipeline.run.process import prepare_process

EXIT_USAGE = 2


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.run.progress import Progress

    bar = Progress(len(args.pdf), "extract")

    def progress(index: int, total: int, outcome: Outcome) -> None:
        line = f"[{index}/{total}] {outcome.source.name} → {outcome.output} ({outcome.seconds:.1f} s)"
        bar.done(line if total > 1 or args.verbose else None, outcome.error)

    settings = Settings(out_dir=Path(args.out), password=args.password, nlp=not args.no_nlp, jobs=args.jobs,
                        timeout=args.timeout, use_cache=not args.no_cache, engine=args.engine, language=args.lang)
    try:
        outcomes = extract_all([Path(p) for p in args.pdf], settings, progress)
    finally:
        bar.close()
    if (len(outcomes) > 1 or args.verbose) and any(o.counts for o in outcomes):
        print(summary_table(outcomes))
    return EXIT_USAGE if any(o.error for o in outcomes) else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from pipeline.schema import validation_errors

    status = 0
    for name in args.json:
        errors = validation_errors(Path(name))
        if errors:
            status = EXIT_USAGE
            print(f"error: {name}: {errors[0]}" + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""),
                  file=sys.stderr)
        else:
            print(f"{name}: valid")
    return status


def load_json(name: str) -> dict:
    try:
        return json.loads(Path(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{name}: not valid JSON ({error})") from None


def cmd_score(args: argparse.Namespace) -> int:
    from pipeline.evaluate.score import score_programme

    try:
        result = score_programme(load_json(args.programme), load_json(args.gold))
    except ValueError as error:
        return fail(str(error))
    missed = result.pop("missed_dossiers")
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for key, value in result.items():
            if key != "score":
                print(f"{key}: {value:.3f}")
        for title in missed if args.show_missed else []:
            print(f"missed dossier: {title}")
        print(f"score: {result['score']:.3f}")
    if args.min_score is not None and result["score"] < args.min_score:
        return 1
    return 0


def cmd_score_diff(args: argparse.Namespace) -> int:
    from pipeline.evaluate.score import score_diff

    try:
        result = score_diff(load_json(args.diff), load_json(args.expected))
    except ValueError as error:
        return fail(str(error))
    for label in ("missed", "spurious"):
        for change in result[label]:
            sides = [((change.get(k) or {}).get("title") or (change.get(k) or {}).get("text") or "")
                     for k in ("before", "after")]
            print(f"{label}: {change.get('kind')} {change.get('entity')} {sides[0]!r} -> {sides[1]!r}")
    for key in ("precision", "recall", "f1"):
        print(f"{key}: {result[key]:.3f}")
    return 1 if args.min_f1 is not None and result["f1"] < args.min_f1 else 0


def cmd_diff(args: argparse.Namespace) -> int:
    from pipeline.run.files import DiffInputError, diff_files
    from pipeline.run.outputs import DIFF_FORMATS

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in DIFF_FORMATS]
    if unknown:
        return fail(f"unknown format {unknown[0]!r} (choose from {', '.join(DIFF_FORMATS)})")
    try:
        diff, written = diff_files(Path(args.old), Path(args.new), Path(args.out), formats, args.password, args.lang)
    except DiffInputError as error:
        return fail(str(error))
    counts = ", ".join(f"{n} {kind}" for kind, n in diff.counts.items() if n)
    recurring = sum(change.recurring for change in diff.changes)
    print(f"{len(diff.changes)} changes from {diff.from_year} to {diff.to_year}" + (f": {counts}" if counts else "")
          + (f" ({recurring} recurring: only the years changed)" if recurring else ""))
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from pipeline.run.files import DiffInputError, history_files

    try:
        history, written = history_files([Path(p) for p in args.editions], Path(args.out), args.password, args.lang)
    except DiffInputError as error:
        return fail(str(error))
    years = [e.year for e in history.editions]
    changed = sum(chain.changed() for chain in history.chains)
    print(f"{len(history.chains)} chains over {len(years)} editions ({', '.join(map(str, years))}); "
          f"{changed} changed at least once")
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_store(args: argparse.Namespace) -> int:
    from pipeline.run.files import DiffInputError, store_files
    from pipeline.run.progress import Progress
    from pipeline.store.writer import StoreError

    paths = [Path(p) for p in args.editions]
    bar = Progress(len(paths), "store")
    read = iter(range(1, len(paths) + 1))
    try:
        years = store_files(paths, Path(args.db), args.password,
                            lambda path: bar.done(f"[{next(read)}/{len(paths)}] read {path}"))
    except (DiffInputError, StoreError) as error:
        return fail(str(error))
    finally:
        bar.close()
    print(f"stored {len(years)} edition{'s' if len(years) != 1 else ''} ({', '.join(map(str, years))}) in {args.db}")
    return 0


class UsageError(Exception):
    """A problem with the command's input, reported as one line."""


def programme_file(name: str):
    """The programme JSON a command was given; a UsageError names the file and the reason."""
    from pipeline.programme import ProgrammeFileError, read_programme

    try:
        return read_programme(Path(name))
    except ProgrammeFileError as error:
        raise UsageError(str(error)) from None


def cmd_graph(args: argparse.Namespace) -> int:
    from pipeline.nlp import analyse
    from pipeline.run.outputs import graph_contents, write_files

    path = Path(args.programme)
    programme = programme_file(args.programme)
    if programme.nlp_model is None or args.reanalyse:
        analyse(programme)
    for target in write_files(Path(args.out) if args.out else path.parent, graph_contents(programme)):
        print(f"wrote {target}")
    return 0


def cmd_html(args: argparse.Namespace) -> int:
    from pipeline.run.files import edition_pdf
    from pipeline.run.outputs import page_contents, write_files
    from pipeline.utils.files import relative_link

    path = Path(args.programme)
    programme = programme_file(args.programme)
    folder = Path(args.out) if args.out else path.parent
    pdf = Path(args.pdf) if args.pdf else edition_pdf(programme, path)
    link = relative_link(pdf, folder) if pdf else None
    for target in write_files(folder, page_contents(programme, link, args.lang)):
        print(f"wrote {target}")
    return 0


def cmd_debug(args: argparse.Namespace) -> int:
    from pipeline.run.debug import debug_page
    from pipeline.run.extract import ExtractionError
    from pipeline.utils.files import write_atomic

    pdf = Path(args.pdf)
    target = Path(args.out) if args.out else Path(f"{pdf.stem}-page-{args.page}.png")
    try:
        image = debug_page(pdf, args.page, engine=args.engine, password=args.password)
    except ExtractionError as error:
        raise UsageError(str(error)) from None
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    write_atomic(target, buffer.getvalue())
    print(f"wrote {target}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from pipeline.schema import SCHEMA_PATH, programme_schema
    from pipeline.utils.files import canonical_json, write_atomic

    target = Path(args.out) if args.out else SCHEMA_PATH
    write_atomic(target, canonical_json(programme_schema()))
    print(f"wrote {target}")
    return 0


def language_option(command: argparse.ArgumentParser) -> None:
    """`--lang`: the language of the pages' and reports' interface (the content stays as the edition has it)."""
    command.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                         help=f"language of the pages' interface (default: {DEFAULT_LANGUAGE})")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="werkprogramma",
                                   description="Turn SERV work programme PDFs into structured, comparable data.")
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract programme JSON from edition PDFs")
    extract.add_argument("pdf", nargs="+", help="edition PDF files")
    extract.add_argument("--out", default="output", help="output folder (default: output)")
    extract.add_argument("--password", help="password of encrypted PDFs")
    extract.add_argument("-v", "--verbose", action="store_true", help="progress and summary for one file too")
    extract.add_argument("--no-nlp", action="store_true", help="structure only: no actors, topics, timing or graph")
    extract.add_argument("--jobs", type=int, default=0, help="processes to use (default: one per core)")
    extract.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                         help=f"seconds allowed per file (default: {DEFAULT_TIMEOUT:g})")
    extract.add_argument("--no-cache", action="store_true", help="extract again even when a cached result exists")
    extract.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE,
                         help=f"what reads the PDF's characters (default: {DEFAULT_ENGINE}; pdfplumber is the slower "
                              "reference)")
    language_option(extract)
    extract.set_defaults(run=cmd_extract)

    validate = commands.add_parser("validate", help="check programme JSON files against the schema")
    validate.add_argument("json", nargs="+")
    validate.set_defaults(run=cmd_validate)

    score = commands.add_parser("score", help="score a programme JSON against a hand-checked one")
    score.add_argument("programme")
    score.add_argument("gold")
    score.add_argument("--json", action="store_true", help="print the measures as JSON")
    score.add_argument("--show-missed", action="store_true", help="list the gold dossiers not found")
    score.add_argument("--min-score", type=float, help="exit 1 when the mean score is lower")
    score.set_defaults(run=cmd_score)

    score_diff_cmd = commands.add_parser("score-diff", help="score a diff JSON against an expected diff")
    score_diff_cmd.add_argument("diff")
    score_diff_cmd.add_argument("expected")
    score_diff_cmd.add_argument("--min-f1", type=float, help="exit 1 when F1 is lower")
    score_diff_cmd.set_defaults(run=cmd_score_diff)

    diff = commands.add_parser("diff", help="compare two editions (PDF or programme JSON)")
    diff.add_argument("old", help="the older edition: a PDF or a programme.json")
    diff.add_argument("new", help="the newer edition: a PDF or a programme.json")
    diff.add_argument("--out", default="output", help="output folder (default: output)")
    diff.add_argument("--format", default="json,md,html", help="reports to write: json, md, html (default: all)")
    diff.add_argument("--password", help="password of encrypted PDFs")
    language_option(diff)
    diff.set_defaults(run=cmd_diff)

    history = commands.add_parser("history", help="the life of every theme, dossier and request across editions")
    history.add_argument("editions", nargs="+", help="edition PDFs or programme.json files, in any order")
    history.add_argument("--out", default="output", help="output folder (default: output)")
    history.add_argument("--password", help="password of encrypted PDFs")
    language_option(history)
    history.set_defaults(run=cmd_history)

    store = commands.add_parser("store", help="store editions in a SQLite database (replacing those of the same "
                                              "year), with the history over all of them")
    store.add_argument("editions", nargs="+", help="edition PDFs or programme.json files, in any order")
    store.add_argument("--db", required=True, help="the SQLite database file (created when missing)")
    store.add_argument("--password", help="password of encrypted PDFs")
    store.set_defaults(run=cmd_store)

    graph = commands.add_parser("graph", help="build graph.json and graph.graphml from a programme JSON")
    graph.add_argument("programme")
    graph.add_argument("--out", help="folder to write to (default: the programme's folder)")
    graph.add_argument("--reanalyse", action="store_true", help="run the NLP stage again before building")
    graph.set_defaults(run=cmd_graph)

    page = commands.add_parser("html", help="write programme.html, a page to read the edition, from a programme JSON")
    page.add_argument("programme")
    page.add_argument("--out", help="folder to write to (default: the programme's folder)")
    page.add_argument("--pdf", help="the edition's PDF, for page links (default: found beside the JSON or in corpus/)")
    language_option(page)
    page.set_defaults(run=cmd_html)

    debug = commands.add_parser("debug", help="draw what the layout decided on one page (columns, blocks, roles)")
    debug.add_argument("pdf")
    debug.add_argument("--page", type=int, default=1, help="the page to draw (1-based; default 1)")
    debug.add_argument("--out", help="the PNG to write (default: <pdf stem>-page-<N>.png here)")
    debug.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    debug.add_argument("--password", help="password of an encrypted PDF")
    debug.set_defaults(run=cmd_debug)

    schema = commands.add_parser("schema", help="write the JSON Schema (default: schema/programme.schema.json)")
    schema.add_argument("--out", help="where to write it")
    schema.set_defaults(run=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    prepare_process()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind, so running file processes are stopped
    try:
        return args.run(args)
    except UsageError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted")


if __name__ == "__main__":
    sys.exit(main())
