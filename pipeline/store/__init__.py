"""Every edition in one SQLite database: the programmes' tables, full-text search, the history and views."""
