"""What the reader tests ask of a loaded file: each task's bodies by role, as written."""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import load_file


def roles(path: Path) -> list[dict[str, list[str]]]:
    """Each task's bodies by role (leads, co, sole; empty roles left out), in document order."""
    return [
        {role: [ref.mention for ref in refs] for role, refs in task.clause.by_role().items() if refs}
        for doc in load_file(path)
        for task in doc.tasks
    ]
