"""Built-in plugin: template_2021 (being implemented)."""
