"""Store tests: every test gets its own store file (fixtures in tests/support)."""

from support.store_fixtures import _private_db, db_path, store  # noqa: F401
