"""Write editions into the SQLite database, each run one transaction: all of it or nothing.

Storing an edition again replaces it (an edition is its year).  The
history's chains and events are rebuilt from every edition in the database
after each run, so that they always describe the editions it holds.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.comparison.history import build_history
from pipeline.programme import Annotations, Programme
from pipeline.store.schema import MIGRATIONS, VERSION
from pipeline.utils.files import canonical_json

HISTORY_VERSION = 2  # the migration that brought the history tables


class StoreError(Exception):
    """A database or an edition that cannot be stored, with the file and the reason."""


def listed(values: Sequence[object]) -> str:
    """A list as the JSON array a cell holds."""
    return json.dumps(list(values), ensure_ascii=False)


def statements(script: str) -> Iterator[str]:
    """The statements of an SQL script one by one (a trigger's body stays whole).

    `executescript` would commit the open transaction first; executed one by
    one, a migration stays inside the run's transaction.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:60]}")


def schema_version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, target: int = VERSION) -> None:
    """Bring the database in the open transaction to schema version `target` (a new one from nothing)."""
    version = schema_version(connection)
    if version > VERSION:
        raise StoreError(f"schema version {version} is newer than this werkprogramma's ({VERSION}); upgrade it")
    for number in range(version, target):
        for statement in statements(MIGRATIONS[number]):
            connection.execute(statement)
        if number + 1 == HISTORY_VERSION:
            rebuild_history(connection)
    connection.execute(f"PRAGMA user_version = {max(version, target)}")


def mention_rows(year: int, item_type: str, item_id: str, annotations: Annotations | None) -> list[tuple]:
    """The mentions table's rows of one item: its actors (with evidence), commissions and topics."""
    if annotations is None:
        return []
    rows = [(year, item_type, item_id, m.actor, None, None, m.count, m.evidence.sentence, m.evidence.page)
            for m in annotations.actors]
    rows += [(year, item_type, item_id, None, c, None, None, None, None) for c in annotations.commissions]
    rows += [(year, item_type, item_id, None, None, t, None, None, None) for t in annotations.topics]
    return rows


def insert_edition(connection: sqlite3.Connection, programme: Programme) -> None:
    """Insert one edition and everything it holds (its year must not be in the database)."""
    edition, year = programme.edition, programme.edition.year
    connection.execute("INSERT INTO editions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (year, edition.title, edition.organisation, edition.source.file, edition.source.sha256,
                        edition.source.pages, programme.engine, programme.nlp_model, canonical_json(programme)))
    connection.executemany("INSERT INTO commissions VALUES (?, ?, ?, ?)",
                           [(year, c.id, c.name, c.assumed) for c in programme.commissions])
    connection.executemany("INSERT INTO topics VALUES (?, ?, ?)", [(year, t.id, t.label) for t in programme.topics])
    connection.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [(year, a.id, a.name, a.kind, listed(a.aliases), a.known, a.mentions)
                            for a in programme.actors])
    mentions = []
    for part in programme.parts:
        connection.execute("INSERT INTO parts VALUES (?, ?, ?, ?, ?, ?)",
                           (year, part.id, part.number, part.title, part.intro, listed(part.pages)))
        mentions += mention_rows(year, "part", part.id, part.nlp)
        for theme in part.themes:
            connection.execute("INSERT INTO themes VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (year, theme.id, part.id, theme.title, theme.intro, listed(theme.pages),
                                theme.commission))
            mentions += mention_rows(year, "theme", theme.id, theme.nlp)
            for d in theme.dossiers:
                connection.execute(
                    "INSERT INTO dossiers (year, id, theme_id, number, title, spearhead, pages, text, subs)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (year, d.id, theme.id, d.number, d.title, d.spearhead, listed(d.pages), d.text, listed(d.subs)))
                mentions += mention_rows(year, "dossier", d.id, d.nlp)
            for r in theme.advisory_requests:
                connection.execute(
                    "INSERT INTO advisory_requests (year, id, theme_id, text, subitems, list, dossier_id, follows_id,"
                    " instrument, pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (year, r.id, theme.id, r.text, listed(r.subitems), r.list, r.dossier, r.follows, r.instrument,
                     listed(r.pages)))
                mentions += mention_rows(year, "advisory_request", r.id, r.nlp)
    connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)


def rebuild_history(connection: sqlite3.Connection) -> None:
    """Replace the chains and events with the history of every edition in the database."""
    connection.execute("DELETE FROM chains")
    stored = connection.execute("SELECT programme_json FROM editions ORDER BY year").fetchall()
    if not stored:
        return
    history = build_history([Programme.model_validate_json(text) for (text,) in stored])
    for chain in history.chains:
        connection.execute("INSERT INTO chains VALUES (?, ?, ?)", (chain.id, chain.entity, chain.appearances[-1].title))
        connection.executemany("INSERT INTO appearances VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(chain.id, a.year, a.item_id, a.title, a.theme, a.part, a.spearhead, listed(a.pages))
                                for a in chain.appearances])
        connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                               [(chain.id, n, e.year, e.kind, e.recurring, e.before, e.after)
                                for n, e in enumerate(chain.events)])


def connect(db: Path) -> sqlite3.Connection:
    """The database at `db` (created when missing) with foreign keys on and transactions left to us."""
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def in_transaction(db: Path, work) -> None:
    """Run `work(connection)` on the migrated database as one transaction; a StoreError names the file."""
    try:
        connection = connect(db)
    except sqlite3.Error as error:
        raise StoreError(f"{db.name}: cannot be opened ({error})") from None
    try:
        connection.execute("BEGIN IMMEDIATE")
        migrate(connection)
        work(connection)
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise StoreError(f"{len(problems)} broken references, e.g. in {problems[0][0]}")
        connection.execute("COMMIT")
    except StoreError as error:
        connection.rollback()
        raise StoreError(f"{db.name}: {error}") from None
    except sqlite3.DatabaseError as error:
        connection.rollback()
        reason = "not a SQLite database" if "not a database" in str(error) else str(error)
        raise StoreError(f"{db.name}: {reason}") from None
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.close()


def store_programmes(db: Path, programmes: Sequence[Programme]) -> list[int]:
    """Store the editions in the database at `db` (replacing editions of the same year), rebuild the history,
    all in one transaction; return the years stored.  Raises StoreError with the file and the reason."""
    for programme in programmes:
        if programme.edition.year is None:
            raise StoreError(f"{programme.edition.source.file}: the edition's year is unknown")
    years = [p.edition.year for p in programmes]
    if len(set(years)) < len(years):
        twice = next(y for y in years if years.count(y) > 1)
        raise StoreError(f"two editions of {twice} given")

    def work(connection: sqlite3.Connection) -> None:
        connection.execute("DELETE FROM chains")  # their appearances refer to the editions replaced
        for programme in sorted(programmes, key=lambda p: p.edition.year):
            connection.execute("DELETE FROM editions WHERE year = ?", (programme.edition.year,))
            insert_edition(connection, programme)
        rebuild_history(connection)

    in_transaction(db, work)
    return sorted(years)


def migrate_database(db: Path) -> int:
    """Bring the database at `db` to the current schema version; return that version."""
    in_transaction(db, lambda connection: None)
    return VERSION
