"""Output: the JSON form of the report tree, export records, batch export."""
