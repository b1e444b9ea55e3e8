"""Simple stick-figure illustrations drawn from data: a start pose and, for a movement, an end pose.

A figure in a data file names a base pose and may move single joints, so an author describes an
exercise in a few numbers instead of drawing. The figure faces right in a 100 x 100 panel with the
floor at y = 92; the far arm and leg are drawn thinner and grey. The same SVG goes on screen and
into the home programme's PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from rehabplan.exercises.poses import BASE_POSES, JOINTS, Point
from rehabplan.exercises.reading import Table

__all__ = ["BASE_POSES", "FIGURE_KEYS", "JOINTS", "PROPS", "Figure", "read_figure", "render_svg"]

PROPS = {
    "chair": "Stol",
    "wall": "Væg",
    "mat": "Måtte",
    "step": "Trappetrin",
    "stairs": "Trappe",
    "table": "Bord eller køkkenbord",
    "bed": "Seng",
    "weight": "Håndvægt",
    "ankle_weight": "Vægtmanchet",
    "band": "Elastik",
    "band_hands": "Elastik mellem hænderne",
    "band_knees": "Elastik om knæene",
    "ball": "Bold",
    "stick": "Stok",
    "bar": "Stav i begge hænder",
    "rollator": "Rollator",
    "bag": "Taske",
    "cushion": "Balancepude",
    "line": "Streg på gulvet",
    "cones": "Kegler",
    "cup": "Kop",
    "shelf": "Hylde",
    "bike": "Kondicykel",
    "pedals": "Pedaltræner",
    "breath": "Udånding",
}

FIGURE_KEYS = {"props", "start", "end", "start_joints", "end_joints"}


@dataclass(frozen=True)
class Figure:
    start: dict[str, Point]
    end: dict[str, Point] | None
    props: tuple[str, ...]


def read_figure(table: Table) -> Figure:
    start = _pose_of(table, "start", "start_joints")
    end = _pose_of(table, "end", "end_joints") if table.has("end") else None
    if end is None and table.has("end_joints"):
        raise table.error("end_joints kræver en end-stilling", "end_joints")
    props = table.choices("props", PROPS, required=False)
    return Figure(start, end, props)


def _pose_of(table: Table, key: str, joints_key: str) -> dict[str, Point]:
    pose = dict(BASE_POSES[table.choice(key, {name: name for name in BASE_POSES})])
    moved = table.table(joints_key, set(JOINTS), required=False)
    if moved is not None:
        for joint, value in moved.raw.items():
            if (
                not isinstance(value, list)
                or len(value) != 2
                or not all(
                    isinstance(number, int | float) and not isinstance(number, bool)
                    for number in value
                )
                or not all(-5 <= number <= 100 for number in value)
            ):
                raise moved.error("skal være [x, y] med tal fra 0 til 100", joint)
            pose[joint] = (float(value[0]), float(value[1]))
    return pose


PANEL = 100
GAP = 14
_NEAR = 'stroke="#1a1a1a" stroke-width="3.2"'
_FAR = 'stroke="#8c8c8c" stroke-width="2.4"'


def render_svg(figure: Figure, title: str, *, decorative: bool = False) -> str:
    """The figure as a standalone SVG document, with `title` as its accessible name; a
    `decorative` figure (a thumbnail beside the exercise's name) is hidden from screen readers."""
    width = PANEL if figure.end is None else 2 * PANEL + GAP
    name = (
        'aria-hidden="true" focusable="false">'
        if decorative
        else f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {PANEL}" '
        f'width="{width * 2}" height="{PANEL * 2}" {name}',
        _panel(figure.start, figure.props, 0),
    ]
    if figure.end is not None:
        middle = PANEL + GAP / 2
        parts.append(
            f'<line x1="{middle - 5}" y1="50" x2="{middle + 3}" y2="50" stroke="#1a1a1a" '
            'stroke-width="1.6"/>'
            f'<polygon points="{middle + 5},50 {middle + 1},47 {middle + 1},53" fill="#1a1a1a"/>'
        )
        parts.append(_panel(figure.end, figure.props, PANEL + GAP))
    parts.append("</svg>")
    return "".join(parts)


def _panel(pose: dict[str, Point], props: tuple[str, ...], offset: float) -> str:
    items = [
        f'<g transform="translate({offset:g},0)">',
        f'<rect x="0.5" y="0.5" width="{PANEL - 1}" height="{PANEL - 1}" fill="#ffffff" '
        'stroke="#d0d0d0" stroke-width="1"/>',
        '<line x1="3" y1="92" x2="97" y2="92" stroke="#5c5c5c" stroke-width="1.4"/>',
    ]
    items.extend(_prop(name, pose) for name in props)
    items.append(_limbs(pose, far=True))
    items.append(_limbs(pose, far=False))
    head_x, head_y = pose["head"]
    items.append(
        f'<circle cx="{head_x:g}" cy="{head_y:g}" r="6" fill="#ffffff" stroke="#1a1a1a" '
        'stroke-width="3"/>'
    )
    items.append("</g>")
    return "".join(items)


def _limbs(pose: dict[str, Point], *, far: bool) -> str:
    suffix = "_far" if far else ""
    chains = [
        ("neck", f"elbow{suffix}", f"hand{suffix}"),
        ("hip", f"knee{suffix}", f"foot{suffix}"),
    ]
    if not far:
        chains.insert(0, ("neck", "hip"))
    style = _FAR if far else _NEAR
    return "".join(
        f'<polyline points="{" ".join(f"{pose[j][0]:g},{pose[j][1]:g}" for j in chain)}" '
        f'fill="none" {style} stroke-linecap="round" stroke-linejoin="round"/>'
        for chain in chains
    )


_GREY = 'fill="none" stroke="#5c5c5c" stroke-width="1.6"'
_SOLID = 'fill="#e8e8e8" stroke="#5c5c5c"'
_DASHED = 'fill="none" stroke="#5c5c5c" stroke-width="1.4" stroke-dasharray="3 2"'


def _line(points: list[Point], style: str = _GREY) -> str:
    return f'<polyline points="{" ".join(f"{x:g},{y:g}" for x, y in points)}" {style}/>'


def _between(one: Point, other: Point) -> str:
    return _line([one, other], _DASHED)


def _bar(pose: dict[str, Point]) -> str:
    """A stick held in both hands: through both hands and a little beyond; end-on, a dot."""
    (x1, y1), (x2, y2) = pose["hand_far"], pose["hand"]
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    if length < 3:
        return f'<circle cx="{x2:g}" cy="{y2:g}" r="2.4" fill="#5c5c5c"/>'
    ux, uy = dx / length * 6, dy / length * 6
    style = 'fill="none" stroke="#5c5c5c" stroke-width="2.2"'
    return _line([(x1 - ux, y1 - uy), (x2 + ux, y2 + uy)], style)


def _rect(x: float, y: float, width: float, height: float, style: str = _SOLID) -> str:
    return f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" {style}/>'


def _rollator(pose: dict[str, Point]) -> str:
    x, y = pose["hand"]
    return (
        _line([(x - 2, y), (x + 4, y), (x + 8, 88)])
        + _line([(x + 2, y + 4), (x - 2, 88)])
        + f'<circle cx="{x + 8:g}" cy="89" r="2.6" {_GREY}/>'
        + f'<circle cx="{x - 2:g}" cy="89" r="2.6" {_GREY}/>'
    )


def _bike(pose: dict[str, Point]) -> str:
    return (
        _line([(30, 60), (42, 60)], 'fill="none" stroke="#5c5c5c" stroke-width="2.4"')
        + _line([(36, 60), (50, 78), (64, 46)])
        + _line([(60, 45), (68, 45)], 'fill="none" stroke="#5c5c5c" stroke-width="2.4"')
        + _line([(50, 78), (40, 91)])
        + _line([(50, 78), (60, 91)])
        + f'<circle cx="50" cy="78" r="7" {_GREY}/>'
    )


def _breath(pose: dict[str, Point]) -> str:
    """Breathing out: three short strokes fanning out in front of the mouth."""
    x, y = pose["head"][0] + 9, pose["head"][1] + 2
    style = 'fill="none" stroke="#5c5c5c" stroke-width="1.4" stroke-linecap="round"'
    return "".join(_line([(x, y + dy / 4), (x + 9, y + dy)], style) for dy in (-5.0, 0.0, 5.0))


_PROP_DRAWINGS = {
    "chair": lambda pose: _line([(26, 40), (26, 91)]) + _line([(26, 67), (48, 67), (48, 91)]),
    "wall": lambda pose: _rect(88, 6, 6, 86),
    "mat": lambda pose: _rect(6, 88, 88, 4, 'fill="#d9e6f2" stroke="#5c5c5c"'),
    "step": lambda pose: _rect(56, 82, 26, 10),
    "stairs": lambda pose: _rect(56, 82, 40, 10) + _rect(74, 72, 22, 10),
    "table": lambda pose: _line([(66, 50), (96, 50)]) + _line([(92, 50), (92, 91)]),
    "bed": lambda pose: _rect(6, 88, 88, 4),
    "weight": lambda pose: _rect(pose["hand"][0] - 4, pose["hand"][1] - 2, 8, 4, 'fill="#5c5c5c"'),
    "ankle_weight": lambda pose: _rect(
        pose["foot"][0] - 4, pose["foot"][1] - 6, 6, 5, 'fill="#5c5c5c"'
    ),
    "band": lambda pose: _between(pose["hand"], (96, pose["hand"][1])),
    "band_hands": lambda pose: _between(pose["hand_far"], pose["hand"]),
    "band_knees": lambda pose: _between(pose["knee_far"], pose["knee"]),
    "ball": lambda pose: (
        f'<circle cx="{pose["hand"][0] + 4:g}" cy="{pose["hand"][1] - 4:g}" r="6" {_GREY}/>'
    ),
    "stick": lambda pose: _line([pose["hand"], (pose["hand"][0] + 2, 91)]),
    "bar": _bar,
    "rollator": _rollator,
    "bag": lambda pose: _rect(pose["hand"][0] - 3, pose["hand"][1] + 1, 7, 9, _SOLID),
    "cushion": lambda pose: _rect(34, 87, 34, 5, 'fill="#d9e6f2" stroke="#5c5c5c"'),
    "line": lambda pose: _rect(8, 91, 84, 1.6, 'fill="#1a1a1a"'),
    "cones": lambda pose: (
        '<polygon points="14,91 18,81 22,91" fill="#e8e8e8" stroke="#5c5c5c"/>'
        '<polygon points="80,91 84,81 88,91" fill="#e8e8e8" stroke="#5c5c5c"/>'
    ),
    "cup": lambda pose: _rect(pose["hand"][0] - 1, pose["hand"][1] - 7, 5, 7),
    "shelf": lambda pose: _line([(56, 8), (94, 8)]) + _line([(94, 2), (94, 30)]),
    "bike": _bike,
    "breath": _breath,
    "pedals": lambda pose: f'<circle cx="70" cy="84" r="6" {_GREY}/>' + _line([(60, 91), (80, 91)]),
}


def _prop(name: str, pose: dict[str, Point]) -> str:
    return _PROP_DRAWINGS[name](pose)
