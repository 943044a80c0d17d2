"""Statutory templates: the schema as data, the 2020 and 2021 templates, recognising,
matching and reading their tables into statistics, and composing a report from them."""
