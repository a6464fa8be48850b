"""The database schema as a list of migrations: migration n brings a database from version n-1 to n.

A new database runs them all; an older one the ones it lacks.  The version is
SQLite's `PRAGMA user_version`.  Lists (pages, sub-headings, aliases) are
JSON arrays, so that `json_each` can open them.  The full-text indexes fold
diacritics ("financiële" is found by "financiele") and are kept in step with
their tables by triggers; they name their table as `content="…"`, which is
how Datasette finds them.
"""
from __future__ import annotations

FTS_TOKENIZER = 'tokenize="unicode61 remove_diacritics 2"'


def fts(table: str, columns: tuple[str, ...]) -> str:
    """An external-content FTS5 index over `columns` of `table` (keyed by its `key`), and its triggers."""
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    index = f"{table}_fts"
    return f"""
CREATE VIRTUAL TABLE {index} USING fts5({names}, content="{table}", content_rowid="key", {FTS_TOKENIZER});
CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
  INSERT INTO {index}(rowid, {names}) VALUES (new.key, {new});
END;
CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
  INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.key, {old});
END;
CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN
  INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.key, {old});
  INSERT INTO {index}(rowid, {names}) VALUES (new.key, {new});
END;
"""


# Version 1: the editions and what they hold, with full-text search.
EDITIONS = """
CREATE TABLE editions (
  year INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  organisation TEXT,
  source_file TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  pages INTEGER NOT NULL,
  engine TEXT,
  nlp_model TEXT,
  programme_json TEXT NOT NULL  -- the programme as extracted: the history is rebuilt from it
);
CREATE TABLE parts (
  year INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
  id TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  intro TEXT NOT NULL,
  pages TEXT NOT NULL,
  PRIMARY KEY (year, id)
);
CREATE TABLE commissions (
  year INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  assumed INTEGER NOT NULL,  -- 1: only rules/commissions.yml says it handles its themes
  PRIMARY KEY (year, id)
);
CREATE TABLE themes (
  year INTEGER NOT NULL,
  id TEXT NOT NULL,
  part_id TEXT NOT NULL,
  title TEXT NOT NULL,
  intro TEXT NOT NULL,
  pages TEXT NOT NULL,
  commission_id TEXT,
  PRIMARY KEY (year, id),
  FOREIGN KEY (year, part_id) REFERENCES parts(year, id) ON DELETE CASCADE,
  FOREIGN KEY (year, commission_id) REFERENCES commissions(year, id)
);
CREATE TABLE dossiers (
  key INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  id TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  number INTEGER,
  title TEXT NOT NULL,
  spearhead INTEGER NOT NULL CHECK (spearhead IN (0, 1)),
  pages TEXT NOT NULL,
  text TEXT NOT NULL,
  subs TEXT NOT NULL,
  UNIQUE (year, id),
  FOREIGN KEY (year, theme_id) REFERENCES themes(year, id) ON DELETE CASCADE
);
CREATE TABLE advisory_requests (
  key INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  id TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  text TEXT NOT NULL,
  subitems TEXT NOT NULL,
  list TEXT NOT NULL,
  dossier_id TEXT,  -- the dossier whose text the list stands in
  follows_id TEXT,  -- a theme's own list: the dossier it comes after
  instrument TEXT,
  pages TEXT NOT NULL,
  UNIQUE (year, id),
  FOREIGN KEY (year, theme_id) REFERENCES themes(year, id) ON DELETE CASCADE,
  FOREIGN KEY (year, dossier_id) REFERENCES dossiers(year, id),
  FOREIGN KEY (year, follows_id) REFERENCES dossiers(year, id)
);
CREATE TABLE actors (
  year INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  aliases TEXT NOT NULL,
  known INTEGER NOT NULL,  -- 1: the gazetteer rules/actors.yml lists it
  mentions INTEGER NOT NULL,
  PRIMARY KEY (year, id)
);
CREATE TABLE topics (
  year INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
  id TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (year, id)
);
-- Which part, theme, dossier or request names which actor, commission or topic (an actor with its count and
-- the first sentence that names it).
CREATE TABLE mentions (
  year INTEGER NOT NULL REFERENCES editions(year) ON DELETE CASCADE,
  item_type TEXT NOT NULL CHECK (item_type IN ('part', 'theme', 'dossier', 'advisory_request')),
  item_id TEXT NOT NULL,
  actor_id TEXT,
  commission_id TEXT,
  topic_id TEXT,
  count INTEGER,
  sentence TEXT,
  page INTEGER,
  CHECK ((actor_id IS NOT NULL) + (commission_id IS NOT NULL) + (topic_id IS NOT NULL) = 1),
  FOREIGN KEY (year, actor_id) REFERENCES actors(year, id) ON DELETE CASCADE,
  FOREIGN KEY (year, commission_id) REFERENCES commissions(year, id) ON DELETE CASCADE,
  FOREIGN KEY (year, topic_id) REFERENCES topics(year, id) ON DELETE CASCADE
);
CREATE INDEX mentions_actor ON mentions(actor_id);
CREATE INDEX mentions_item ON mentions(year, item_id);
""" + fts("dossiers", ("title", "text", "subs")) + fts("advisory_requests", ("text", "subitems"))

# Version 2: the history (chains of an item through the editions, and their events) and views for the
# common questions.
HISTORY = """
CREATE TABLE chains (
  id TEXT PRIMARY KEY,  -- the year and ID of the chain's first appearance
  entity TEXT NOT NULL CHECK (entity IN ('theme', 'dossier', 'advisory_request')),
  latest_title TEXT NOT NULL
);
CREATE TABLE appearances (
  chain_id TEXT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  year INTEGER NOT NULL REFERENCES editions(year),
  item_id TEXT NOT NULL,
  title TEXT NOT NULL,
  theme TEXT NOT NULL,
  part INTEGER NOT NULL,
  spearhead INTEGER,
  pages TEXT NOT NULL,
  PRIMARY KEY (chain_id, year)
);
CREATE TABLE events (
  chain_id TEXT NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  year INTEGER NOT NULL REFERENCES editions(year),
  kind TEXT NOT NULL,
  recurring INTEGER NOT NULL,  -- 1: a title that changed only in its years
  before TEXT,
  after TEXT,
  PRIMARY KEY (chain_id, position)
);
CREATE INDEX appearances_item ON appearances(year, item_id);
CREATE VIEW spearheads_per_year AS
  SELECT year, COUNT(*) AS dossiers, SUM(spearhead) AS spearheads FROM dossiers GROUP BY year;
CREATE VIEW requests_per_theme AS
  SELECT r.year, t.part_id, r.theme_id, t.title AS theme, COUNT(*) AS requests
  FROM advisory_requests r JOIN themes t ON t.year = r.year AND t.id = r.theme_id
  GROUP BY r.year, r.theme_id;
CREATE VIEW dossiers_changed AS
  SELECT c.id AS chain_id, c.latest_title, e.year, e.kind, e.recurring, e.before, e.after
  FROM events e JOIN chains c ON c.id = e.chain_id
  WHERE c.entity = 'dossier';
CREATE VIEW spearhead_runs AS
  SELECT c.id AS chain_id, c.latest_title, COUNT(*) AS spearhead_years, MIN(a.year) AS first_year,
         MAX(a.year) AS last_year
  FROM chains c JOIN appearances a ON a.chain_id = c.id
  WHERE c.entity = 'dossier' AND a.spearhead = 1
  GROUP BY c.id;
"""

MIGRATIONS = (EDITIONS, HISTORY)
VERSION = len(MIGRATIONS)
