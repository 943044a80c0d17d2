"""Checks: the one catalogue of diagnostic codes, and checks beyond one report's
relations: its text against its tables, reports of one agency from one year to the next,
and what ``report.valid`` cannot vouch for (the built-in ``gipparse_validate`` check of
:mod:`gipparse.checks.trust`)."""
