"""The candidate clause the finders hand to `loaders.clauses`, before conventions are applied."""

from __future__ import annotations

from typing import NamedTuple

from loaders.clause_grammar import Assignment
from loaders.records import ClauseForm


class Candidate(NamedTuple):
    """A found assignment: its span in the document text, its form and its unsettled roles.

    `own_convention` is True when the clause itself says its first-listed agency leads.
    """

    start: int
    end: int
    form: ClauseForm
    roles: Assignment
    own_convention: bool = False
