"""Alembic migrations of the store, run by `wirewatch.store.migrate` (no alembic.ini)."""
