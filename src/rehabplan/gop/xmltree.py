"""A small, safe XML tree for GOP messages, built directly on expat.

Why not xml.etree: we must refuse DOCTYPE and entity declarations outright (entity expansion
and external entity attacks), which needs expat's declaration handlers, and formatted text
needs its mixed content kept in order. Expat reads the encoding from the XML declaration
(ISO-8859-1 or UTF-8) and assumes UTF-8 when there is none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat


class XmlRefused(Exception):
    """The bytes are not acceptable XML; the message is Danish and meant for the user."""


@dataclass
class Node:
    namespace: str
    name: str
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child

    def find(self, name: str) -> Node | None:
        """The first child element with this local name (namespaces are mixed in GOPs)."""
        return next((child for child in self.elements() if child.name == name), None)

    def find_all(self, name: str) -> list[Node]:
        return [child for child in self.elements() if child.name == name]

    def text(self) -> str:
        """All character data below this node, stripped."""
        return "".join(_all_text(self)).strip()


def _all_text(node: Node) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, str):
            yield child
        else:
            yield from _all_text(child)


def parse_xml(data: bytes) -> Node:
    """Parse bytes into a Node tree; raise XmlRefused with a Danish reason."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[Node] = []
    roots: list[Node] = []

    def refuse_declaration(*_args: object) -> None:
        raise XmlRefused(
            "Filen indeholder en DOCTYPE- eller ENTITY-erklæring; det er ikke tilladt i en "
            "genoptræningsplan og afvises af sikkerhedshensyn."
        )

    def start(qualified: str, _attributes: dict[str, str]) -> None:
        namespace, _, name = qualified.rpartition(" ")
        node = Node(namespace, name)
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)

    def end(_qualified: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if not stack:
            return
        children = stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)

    parser.StartDoctypeDeclHandler = refuse_declaration
    parser.EntityDeclHandler = refuse_declaration
    parser.UnparsedEntityDeclHandler = refuse_declaration
    parser.ExternalEntityRefHandler = refuse_declaration
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except XmlRefused:
        raise
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise XmlRefused(
            f"Filen er ikke gyldig XML (linje {error.lineno}, kolonne {error.offset + 1}; "
            f"teknisk årsag: {reason})."
        ) from None
    except (LookupError, ValueError) as error:
        raise XmlRefused(f"Filens tegnsæt kan ikke læses ({error}).") from None
    if not roots:
        raise XmlRefused("Filen indeholder ingen XML-elementer.")
    return roots[0]
