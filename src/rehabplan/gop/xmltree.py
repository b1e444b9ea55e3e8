"""A small, safe XML tree for GOP messages, built directly on expat.

Why not xml.etree: we must refuse DOCTYPE and entity declarations outright (entity expansion
and external entity attacks), which needs expat's declaration handlers, and formatted text
needs its mixed content kept in order. Expat reads the encoding from the XML declaration
(ISO-8859-1 or UTF-8) and assumes UTF-8 when there is none.

The bytes are fed to expat in chunks and the limits (nesting depth, number of elements, text
per element and in all) are checked as each element starts and each piece of text arrives, so
a hostile file is refused at its first breach, before the rest of it costs time or memory.
Nothing here recurses, whatever the depth of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from rehabplan.gop.limits import LIMITS, GopLimits, danish_number

CHUNK_BYTES = 64 * 1024
# Every element of a GOP is in one of MedCom's municipality namespaces (1.0.0 or 1.0.4, and
# senders differ in which element sits in which); an element in any other namespace is not
# part of the plan and is never found.
MEDCOM_NAMESPACE_PREFIX = "urn:oio:medcom:municipality:"


class XmlRefused(Exception):
    """The bytes are not acceptable XML; the message is Danish and meant for the user."""


@dataclass(slots=True)
class Node:
    namespace: str
    name: str
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False, compare=False)

    def elements(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child

    def find(self, name: str) -> Node | None:
        """The first child element with this local name in a MedCom municipality namespace,
        whichever version (senders mix 1.0.0 and 1.0.4 differently)."""
        return next(iter(self.find_all(name)), None)

    def find_all(self, name: str) -> list[Node]:
        return [
            child
            for child in self.elements()
            if child.name == name and child.namespace.startswith(MEDCOM_NAMESPACE_PREFIX)
        ]

    def has_elements(self) -> bool:
        return any(isinstance(child, Node) for child in self.children)

    def text(self) -> str:
        """This node's own character data, stripped; text inside child elements is not part
        of it (a field holding elements is refused by the reader, never read through)."""
        return "".join(child for child in self.children if isinstance(child, str)).strip()

    def path(self) -> str:
        """Local names from the root down to this node, e.g. Emessage/RehabilitationPlan."""
        names: list[str] = []
        node: Node | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))


class _TreeBuilder:
    """Expat handlers that build the tree and refuse the file at the first limit it breaks."""

    def __init__(self, parser: expat.XMLParserType, limits: GopLimits) -> None:
        self.parser = parser
        self.limits = limits
        self.stack: list[Node] = []
        self.text_in_open: list[int] = []
        self.root: Node | None = None
        self.elements = 0
        self.total_text = 0
        # Element names repeat; one string pair per distinct name keeps the tree small.
        self.names: dict[str, tuple[str, str]] = {}

    def refuse(self, reason: str) -> XmlRefused:
        return XmlRefused(f"{reason} (linje {self.parser.CurrentLineNumber}). Filen afvises.")

    def start(self, qualified: str, _attributes: dict[str, str]) -> None:
        limits = self.limits
        if len(self.stack) >= limits.max_depth:
            raise self.refuse(
                f"Filen er for dybt indlejret (mere end {limits.max_depth} niveauer af "
                "elementer inden i hinanden; en genoptræningsplan har omkring 10)"
            )
        self.elements += 1
        if self.elements > limits.max_elements:
            raise self.refuse(
                f"Filen indeholder for mange elementer (mere end "
                f"{danish_number(limits.max_elements)}; en genoptræningsplan har højst nogle "
                "tusinde)"
            )
        names = self.names.get(qualified)
        if names is None:
            namespace, _, name = qualified.rpartition(" ")
            names = self.names[qualified] = (namespace, name)
        parent = self.stack[-1] if self.stack else None
        node = Node(names[0], names[1], parent=parent)
        if parent is not None:
            parent.children.append(node)
        elif self.root is None:
            self.root = node
        self.stack.append(node)
        self.text_in_open.append(0)

    def end(self, _qualified: str) -> None:
        self.stack.pop()
        self.text_in_open.pop()

    def characters(self, text: str) -> None:
        if not self.stack:
            return
        limits = self.limits
        self.total_text += len(text)
        if self.total_text > limits.max_total_text:
            raise self.refuse(
                f"Filen indeholder for meget tekst (mere end "
                f"{danish_number(limits.max_total_text)} tegn i alt)"
            )
        self.text_in_open[-1] += len(text)
        if self.text_in_open[-1] > limits.max_element_text:
            raise self.refuse(
                f"Elementet {self.stack[-1].name} indeholder for meget tekst (mere end "
                f"{danish_number(limits.max_element_text)} tegn)"
            )
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)


def _refuse_declaration(*_args: object) -> None:
    raise XmlRefused(
        "Filen indeholder en DOCTYPE- eller ENTITY-erklæring; det er ikke tilladt i en "
        "genoptræningsplan og afvises af sikkerhedshensyn."
    )


def parse_xml(data: bytes, limits: GopLimits = LIMITS) -> Node:
    """Parse bytes into a Node tree; raise XmlRefused with a Danish reason."""
    parser = expat.ParserCreate(namespace_separator=" ")
    builder = _TreeBuilder(parser, limits)
    parser.StartDoctypeDeclHandler = _refuse_declaration
    parser.EntityDeclHandler = _refuse_declaration
    parser.UnparsedEntityDeclHandler = _refuse_declaration
    parser.ExternalEntityRefHandler = _refuse_declaration
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.characters
    parser.buffer_text = True
    view = memoryview(data)
    try:
        for offset in range(0, len(view), CHUNK_BYTES):
            parser.Parse(view[offset : offset + CHUNK_BYTES], False)
        parser.Parse(b"", True)
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
    if builder.root is None:
        raise XmlRefused("Filen indeholder ingen XML-elementer.")
    return builder.root
