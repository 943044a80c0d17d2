"""Document structure: sections by their headings, and the report's metadata."""
