"""What changed between two versions of a text, word by word: the words kept, removed and
added, in order (a mentor's review of a plan, an institution's proposal)."""

import difflib
import re
from dataclasses import dataclass


@dataclass
class Piece:
    kind: str  # "same", "added" or "removed"
    text: str


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def word_changes(old: str, new: str) -> list[Piece]:
    a, b = _words(old), _words(new)
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", "".join(b[j1:j2])))
    return pieces
