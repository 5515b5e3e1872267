"""Hypothesis strategies for text that policy documents (and so Cypher literals) can hold."""

from __future__ import annotations

from hypothesis import strategies as st

LITERAL_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\r\t'\"\\`"),
    max_size=30,
)
"""Any printable text plus the characters a literal must escape; not other control characters,
which FalkorDB cannot escape in a literal (and policy text never holds)."""
