"""The full-text index, per database: SQLite FTS5 (external content table over the
shadow text, kept in step by triggers, diacritics NOT removed so å/ä/ö stay letters)
or PostgreSQL (generated tsvector column with the ``swedish`` configuration, GIN index)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(shadow, content='search_searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
         INSERT INTO search_fts(rowid, shadow) VALUES (new.id, new.shadow); END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
         INSERT INTO search_fts(search_fts, rowid, shadow) VALUES ('delete', old.id, old.shadow); END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchdocument BEGIN
         INSERT INTO search_fts(search_fts, rowid, shadow) VALUES ('delete', old.id, old.shadow);
         INSERT INTO search_fts(rowid, shadow) VALUES (new.id, new.shadow); END""",
]
SQLITE_REVERSE = ["DROP TRIGGER search_fts_au", "DROP TRIGGER search_fts_ad", "DROP TRIGGER search_fts_ai", "DROP TABLE search_fts"]

POSTGRES = [
    "ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('swedish'::regconfig, shadow)) STORED",
    "CREATE INDEX search_searchdocument_tsv ON search_searchdocument USING GIN (tsv)",
]
POSTGRES_REVERSE = ["DROP INDEX search_searchdocument_tsv", "ALTER TABLE search_searchdocument DROP COLUMN tsv"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
