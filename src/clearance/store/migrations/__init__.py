"""Alembic migrations of the store; `clearance.store.migrate.upgrade` runs them to head."""
