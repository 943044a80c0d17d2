"""Built-in plugin: template_2020 (being implemented)."""
