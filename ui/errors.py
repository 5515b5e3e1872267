"""One-line error messages instead of tracebacks on every page.

Pages wrap their work in `shown_as_message()`: a store problem, bad input or any other failure
becomes an `st.error` line and the rest of the page keeps working, which is what users of a
research tool need when one query fails. Streamlit's own control flow (reruns, page switches)
does not derive from Exception and passes through.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st


@contextmanager
def shown_as_message(what: str) -> Iterator[None]:
    """Run the block; show any store or input error as one line naming `what` failed."""
    try:
        yield
    except Exception as error:  # the page boundary: users get one line, never a traceback
        st.error(f"{what}: {one_line(error)}")


def one_line(error: BaseException) -> str:
    """The first line of an error's message, or its type when it has none."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
