"""Names of tables made outside the models (importable before Django's apps are ready)."""

# The database cache's table (settings.CACHES), created by core's first migration.
CACHE_TABLE = "prongsai_cache"
