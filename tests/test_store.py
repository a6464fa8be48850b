"""The SQLite store: tables, integrity, search, views, replacing, all-or-nothing writes, migration, Datasette."""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.store import writer
from pipeline.store.schema import VERSION
from pipeline.store.writer import StoreError, connect, insert_edition, migrate, migrate_database, store_programmes

TABLES = {"editions", "parts", "themes", "dossiers", "advisory_requests", "actors", "commissions", "topics",
          "mentions", "chains", "appearances", "events", "dossiers_fts", "advisory_requests_fts"}
VIEWS = {"spearheads_per_year", "requests_per_theme", "dossiers_changed", "spearhead_runs"}


@pytest.fixture(scope="module")
def editions(corpus_programmes) -> list:
    return sorted(corpus_programmes.values(), key=lambda p: p.edition.year)


@pytest.fixture(scope="module")
def database(editions, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "werkprogramma.sqlite"
    store_programmes(db, editions)
    return db


def query(db: Path, sql: str, *parameters) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, parameters).fetchall()


def test_tables_hold_every_edition_and_the_references_hold(database, editions):
    names = {name for (name,) in query(database, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert names >= TABLES | VIEWS
    assert query(database, "PRAGMA user_version") == [(VERSION,)]
    assert query(database, "PRAGMA foreign_key_check") == []
    for programme in editions:
        year, counts = programme.edition.year, programme.counts()
        assert query(database, "SELECT dossiers, spearheads FROM spearheads_per_year WHERE year = ?", year) == [
            (counts["dossiers"], counts["spearheads"])]
        assert query(database, "SELECT COUNT(*) FROM advisory_requests WHERE year = ?", year) == [
            (counts["requests"],)]
        assert query(database, "SELECT COUNT(*) FROM actors WHERE year = ?", year) == [(len(programme.actors),)]
    vdab = query(database, "SELECT m.sentence FROM mentions m WHERE m.actor_id = 'actor/vdab' AND m.year = 2024")
    assert vdab and all("VDAB" in sentence for (sentence,) in vdab)
    assert query(database, "SELECT SUM(requests) FROM requests_per_theme WHERE year = 2024") == [(28,)]


def test_search_folds_diacritics(database):
    found = query(database, "SELECT d.title || ' ' || d.text FROM dossiers_fts JOIN dossiers d"
                            " ON d.key = dossiers_fts.rowid WHERE dossiers_fts MATCH 'financiele' AND d.year = 2024")
    assert found and all("financiële" in text.lower() for (text,) in found)
    requests = "SELECT COUNT(*) FROM advisory_requests_fts WHERE advisory_requests_fts MATCH 'jobbonus'"
    assert query(database, requests)[0][0] > 0


def test_history_is_one_query_per_dossier(database):
    changed = query(database, "SELECT kind FROM dossiers_changed WHERE year = 2024")
    assert changed and {kind for (kind,) in changed} <= {"added", "removed", "renamed", "moved", "spearhead_changed",
                                                         "modified", "returned"}
    runs = query(database, "SELECT spearhead_years FROM spearhead_runs")
    assert runs and max(n for (n,) in runs) == 2


def test_storing_again_replaces_and_gives_the_same_bytes(database, editions, tmp_path):
    again = tmp_path / "again.sqlite"
    store_programmes(again, list(reversed(editions)))  # any order
    assert again.read_bytes() == database.read_bytes()
    store_programmes(again, editions[-1:])
    assert query(again, "SELECT year, COUNT(*) FROM dossiers GROUP BY year") == query(
        database, "SELECT year, COUNT(*) FROM dossiers GROUP BY year")
    assert query(again, "SELECT COUNT(*) FROM chains") == query(database, "SELECT COUNT(*) FROM chains")


def test_a_failed_run_leaves_the_database_as_it_was(database, editions, tmp_path, monkeypatch):
    db = tmp_path / "copy.sqlite"
    shutil.copyfile(database, db)
    before = db.read_bytes()

    def broken(connection, programme):
        insert_edition(connection, programme)  # the edition is written, then the run fails
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "insert_edition", broken)
    with pytest.raises(RuntimeError):
        store_programmes(db, editions)
    assert db.read_bytes() == before


def killed_while_storing(db: Path, programmes: list) -> None:
    writer.rebuild_history = lambda connection: os._exit(9)  # killed after the editions were replaced
    store_programmes(db, programmes)


def test_a_killed_run_leaves_the_database_as_it_was(database, editions, tmp_path):
    db = tmp_path / "copy.sqlite"
    shutil.copyfile(database, db)
    process = multiprocessing.get_context("fork").Process(target=killed_while_storing, args=(db, editions))
    process.start()
    process.join()
    assert process.exitcode == 9
    assert query(db, "SELECT year, COUNT(*) FROM dossiers GROUP BY year") == query(
        database, "SELECT year, COUNT(*) FROM dossiers GROUP BY year")
    assert query(db, "PRAGMA integrity_check") == [("ok",)]


def test_a_database_of_the_previous_version_is_migrated(editions, tmp_path):
    db = tmp_path / "v1.sqlite"
    connection = connect(db)
    connection.execute("BEGIN")
    migrate(connection, target=1)
    for programme in editions:
        insert_edition(connection, programme)
    connection.execute("COMMIT")
    connection.close()
    assert query(db, "PRAGMA user_version") == [(1,)]
    assert not query(db, "SELECT name FROM sqlite_master WHERE name = 'chains'")
    assert migrate_database(db) == VERSION == 2
    assert query(db, "PRAGMA user_version") == [(2,)]
    assert query(db, "SELECT COUNT(*) FROM chains")[0][0] > 100  # the history, built from the stored editions
    assert query(db, "SELECT year, spearheads FROM spearheads_per_year") == [(2023, 23), (2024, 25)]
    assert query(db, "PRAGMA foreign_key_check") == []


def test_errors_are_one_line(editions, tmp_path, capsys):
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match=r"newer\.sqlite: schema version 99 is newer"):
        store_programmes(newer, editions)
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "text.sqlite").write_text("not a database", encoding="utf-8")
    for arguments in (["broken.json", "--db", "x.sqlite"], ["missing.json", "--db", "x.sqlite"]):
        assert main(["store", *(str(tmp_path / a) if a.endswith(("json", "sqlite")) else a for a in arguments)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {arguments[0]}: ") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.sqlite").exists() or not query(tmp_path / "x.sqlite", "SELECT * FROM editions")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_datasette_serves_the_spearheads_and_a_search(database, editions, tmp_path):
    datasette = Path(sys.executable).with_name("datasette")
    port = free_port()
    server = subprocess.Popen([str(datasette), "serve", str(database), "--port", str(port), "--host", "127.0.0.1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/{database.stem}"
    try:
        for _ in range(100):
            try:
                fetch(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                time.sleep(0.1)
        spearheads = fetch(f"{base}/dossiers.json?year=2024&spearhead=1&_shape=array&_size=max")
        expected = {d.id for p in editions[-1].parts for t in p.themes for d in t.dossiers if d.spearhead}
        assert {row["id"] for row in spearheads} == expected and len(expected) == 25
        found = fetch(f"{base}/advisory_requests.json?_search=jobbonus&_shape=array")
        assert found and all("jobbonus" in row["text"].lower() for row in found)
        sql = ("SELECT d.year, d.title || ' ' || d.text AS found FROM dossiers_fts"
               " JOIN dossiers d ON d.key = dossiers_fts.rowid WHERE dossiers_fts MATCH :q ORDER BY d.year")
        rows = fetch(f"{base}.json?" + urllib.parse.urlencode({"sql": sql, "q": "financiele", "_shape": "array"}))
        assert rows and all("financiële" in row["found"].lower() for row in rows)
    finally:
        server.terminate()
        server.wait(timeout=10)
