"""Checks: the one catalogue of diagnostic codes, and checks beyond one report's
relations: its text against its tables, and reports of one agency from one year to the
next."""
