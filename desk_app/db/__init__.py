from .database import backup_database, close_database, is_read_only, open_database, schema_version

__all__ = ["backup_database", "close_database", "is_read_only", "open_database", "schema_version"]
