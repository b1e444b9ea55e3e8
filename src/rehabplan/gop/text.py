"""Flatten MedCom formatted text (mixed content with Break, Bold, Center ...) to plain text."""

from __future__ import annotations

import re

from rehabplan.gop.xmltree import Node

_LINE_BREAK_ELEMENTS = {"Break"}
# Alignment and list elements in formatted text stand on their own line.
_BLOCK_ELEMENTS = {"Right", "Center", "Left", "Paragraph", "Line", "Item"}
_SPACE_ELEMENTS = {"Space", "Tab"}


def flatten_formatted_text(node: Node | None) -> str:
    """Plain text with line breaks: whitespace from XML indentation collapses to one space,
    Break and block elements give new lines, and runs of blank lines shrink to one."""
    if node is None:
        return ""
    parts: list[str] = []
    _walk(node, parts)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parts).split("\n")]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def _walk(node: Node, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            parts.append(re.sub(r"\s+", " ", child))
        elif child.name in _LINE_BREAK_ELEMENTS:
            parts.append("\n")
        elif child.name in _SPACE_ELEMENTS:
            parts.append(" ")
        elif child.name in _BLOCK_ELEMENTS:
            parts.append("\n")
            _walk(child, parts)
            parts.append("\n")
        else:
            _walk(child, parts)
