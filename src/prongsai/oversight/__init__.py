"""Oversight at national scale: read-only pages over the agencies of a scope (the nation, a
province or a district), their CSV/XLSX exports and charts."""
