"""Flatten MedCom formatted text (mixed content with Break, Bold, Center ...) to plain text.

Only MedCom's formatting elements belong inside formatted text. Text inside any other element
is not taken: the reader refuses such a file and names the element (`disallowed_element`).
The walk keeps its own stack instead of recursing, so no depth can exhaust Python's.
"""

from __future__ import annotations

import re

from rehabplan.gop.xmltree import Node

_LINE_BREAK_ELEMENTS = frozenset({"Break"})
# Alignment and list elements in formatted text stand on their own line.
_BLOCK_ELEMENTS = frozenset({"Right", "Center", "Left", "Paragraph", "Line", "Item"})
_SPACE_ELEMENTS = frozenset({"Space", "Tab"})
_INLINE_ELEMENTS = frozenset({"Bold", "Italic", "Underline", "FixedFont"})
FORMATTING_ELEMENTS = _LINE_BREAK_ELEMENTS | _BLOCK_ELEMENTS | _SPACE_ELEMENTS | _INLINE_ELEMENTS

_NEW_LINE = "\n"


def flatten_formatted_text(node: Node | None) -> str:
    """Plain text with line breaks: whitespace from XML indentation collapses to one space,
    Break and block elements give new lines, and runs of blank lines shrink to one."""
    if node is None:
        return ""
    parts: list[str] = []
    # Each entry is a node whose content comes next, or a literal to emit (kind "raw").
    pending: list[tuple[str, Node | str]] = [("node", node)]
    while pending:
        kind, item = pending.pop()
        if isinstance(item, str):
            parts.append(item if kind == "raw" else re.sub(r"\s+", " ", item))
            continue
        for child in reversed(item.children):
            if isinstance(child, str):
                pending.append(("text", child))
            elif child.name in _LINE_BREAK_ELEMENTS:
                pending.append(("raw", _NEW_LINE))
            elif child.name in _SPACE_ELEMENTS:
                pending.append(("raw", " "))
            elif child.name in _BLOCK_ELEMENTS:
                pending.extend((("raw", _NEW_LINE), ("node", child), ("raw", _NEW_LINE)))
            elif child.name in _INLINE_ELEMENTS:
                pending.append(("node", child))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parts).split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def disallowed_element(node: Node | None) -> Node | None:
    """The first element below `node` that is not MedCom formatting, or None."""
    if node is None:
        return None
    pending = [node]
    while pending:
        for child in pending.pop().elements():
            if child.name not in FORMATTING_ELEMENTS:
                return child
            pending.append(child)
    return None
