"""Compare editions given as PDFs or programme JSON files: a diff of two, or the history of many."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.comparison.diff import Diff, compare
from pipeline.comparison.history import History, HistoryError, build_history
from pipeline.programme import Programme, ProgrammeFileError, read_programme
from pipeline.render.i18n import DEFAULT_LANGUAGE
from pipeline.run.extract import ExtractionError, extract
from pipeline.run.outputs import DIFF_FORMATS, diff_contents, history_contents, write_files
from pipeline.utils.files import relative_link


class DiffInputError(Exception):
    """An edition that cannot be read, with the file and the reason."""


def edition_pdf(programme: Programme, json_path: Path) -> Path | None:
    """The edition's PDF beside its programme.json, one folder up, or in `corpus/`, if it is there."""
    name = programme.edition.source.file
    return next((c for c in (json_path.parent / name, json_path.parent.parent / name, Path("corpus") / name)
                 if c.is_file()), None)


def load_programme(path: Path, password: str | None = None, nlp: bool = True) -> tuple[Programme, Path | None]:
    """A programme from a PDF (extracted, with NLP unless `nlp` is False) or a programme JSON file, and the
    edition's PDF if found."""
    if path.suffix.lower() == ".json":
        try:
            programme = read_programme(path)
        except ProgrammeFileError as error:
            raise DiffInputError(str(error)) from None
        return programme, edition_pdf(programme, path)
    try:
        return extract(path, password=password, nlp=nlp), path
    except ExtractionError as error:
        raise DiffInputError(str(error)) from None


def stem_of(path: Path) -> str:
    """The edition name: the PDF stem, or the folder of a programme.json."""
    return path.parent.name if path.name == "programme.json" else path.stem


def diff_files(old: Path, new: Path, out_dir: Path, formats: list[str] | tuple[str, ...] = DIFF_FORMATS,
               password: str | None = None, language: str = DEFAULT_LANGUAGE) -> tuple[Diff, list[Path]]:
    """Compare two editions and write the chosen reports to `out_dir` (Markdown and HTML in `language`)."""
    old_programme, old_pdf = load_programme(old, password)
    new_programme, new_pdf = load_programme(new, password)

    def link(pdf: Path | None, programme: Programme) -> str:
        return programme.edition.source.file if pdf is None else relative_link(pdf, out_dir)

    diff = compare(old_programme, new_programme, link(old_pdf, old_programme), link(new_pdf, new_programme))
    return diff, write_files(out_dir, diff_contents(diff, stem_of(old), stem_of(new), formats, language))


def history_files(paths: list[Path], out_dir: Path, password: str | None = None,
                  language: str = DEFAULT_LANGUAGE) -> tuple[History, list[Path]]:
    """The history of many editions (PDFs or programme JSON files) written to `out_dir` (the page in `language`).

    Raises DiffInputError for an edition that cannot be read or placed in time.
    """
    programmes = [load_programme(path, password, nlp=False)[0] for path in paths]
    try:
        history = build_history(programmes)
    except HistoryError as error:
        raise DiffInputError(str(error)) from None
    return history, write_files(out_dir, history_contents(history, language))


def store_files(paths: list[Path], db: Path, password: str | None = None,
                progress: Callable[[Path], None] | None = None) -> list[int]:
    """Store the editions (PDFs, extracted with NLP, or programme JSON files, in any order) in the SQLite
    database at `db` in one transaction; return their years. `progress` is called as each edition is read.

    Raises DiffInputError for an edition that cannot be read, StoreError for one that cannot be stored.
    """
    from pipeline.store.writer import store_programmes

    programmes = []
    for path in paths:
        programmes.append(load_programme(path, password)[0])
        if progress is not None:
            progress(path)
    return store_programmes(db, programmes)
