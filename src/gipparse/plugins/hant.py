"""Built-in plugin: hant (being implemented)."""
