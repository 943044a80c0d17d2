"""Names of the statistics schema the tests share, written out from statistics-schema.md
(not taken from gipparse, so that tests of the schema compare it with the contract)."""

from __future__ import annotations

#: The applicant columns of table 3 (申请人情况), without the total.
APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "nonprofit",
    "legal_services",
    "other_org",
)
#: Every column of table 3: the applicants, then the total.
APPLICATION_COLUMNS = (*APPLICANTS, "total")
#: The groups of table 4: administrative review, litigation without and after review.
APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")
#: The outcomes of each group of table 4, without the total.
APPEAL_OUTCOMES = ("upheld", "corrected", "other", "pending")
