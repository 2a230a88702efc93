"""Job workers against PostgreSQL and SQLite: crash, SIGTERM, connection loss."""
