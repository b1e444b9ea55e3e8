"""Simple stick-figure illustrations drawn from data: a start pose and, for a movement, an end pose.

A figure in a data file names a base pose and may move single joints, so an author describes an
exercise in a few numbers instead of drawing. The figure faces right in a 100 x 100 panel with the
floor at y = 92; the far arm and leg are drawn thinner and grey. The same SVG goes on screen and
into the home programme's PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from rehabplan.exercises.reading import Table

Point = tuple[float, float]

JOINTS = (
    "head", "neck", "elbow", "hand", "elbow_far", "hand_far",
    "hip", "knee", "foot", "knee_far", "foot_far",
)  # fmt: skip

_STANDING: dict[str, Point] = {
    "head": (50, 14), "neck": (50, 23), "elbow": (55, 38), "hand": (57, 51),
    "elbow_far": (46, 38), "hand_far": (44, 51), "hip": (50, 53), "knee": (51, 72),
    "foot": (53, 91), "knee_far": (49, 72), "foot_far": (47, 91),
}  # fmt: skip


def _pose(**moved: Point) -> dict[str, Point]:
    return {**_STANDING, **moved}


BASE_POSES: dict[str, dict[str, Point]] = {
    "standing": _pose(),
    "standing_arms_forward": _pose(
        elbow=(62, 25), hand=(74, 25), elbow_far=(61, 27), hand_far=(73, 27)
    ),
    "standing_arms_up": _pose(elbow=(52, 10), hand=(53, 4), elbow_far=(48, 10), hand_far=(47, 4)),
    "standing_one_leg": _pose(knee_far=(60, 66), foot_far=(55, 80)),
    "standing_heels_up": _pose(
        head=(50, 10),
        neck=(50, 19),
        elbow=(52, 34),
        hand=(53, 48),
        elbow_far=(48, 34),
        hand_far=(47, 48),
        hip=(50, 49),
        knee=(51, 69),
        foot=(54, 87),
        knee_far=(49, 69),
        foot_far=(48, 87),
    ),
    "mini_squat": _pose(
        head=(56, 24),
        neck=(54, 32),
        elbow=(62, 42),
        hand=(70, 42),
        elbow_far=(60, 44),
        hand_far=(68, 44),
        hip=(40, 60),
        knee=(56, 72),
        foot=(52, 91),
        knee_far=(54, 73),
        foot_far=(48, 91),
    ),
    "lunge": _pose(
        head=(50, 20),
        neck=(50, 29),
        hip=(50, 58),
        knee=(66, 70),
        foot=(68, 91),
        knee_far=(40, 80),
        foot_far=(26, 91),
        elbow=(52, 44),
        hand=(53, 57),
        elbow_far=(48, 44),
        hand_far=(47, 57),
    ),
    "step_up": _pose(
        head=(54, 10),
        neck=(54, 19),
        elbow=(56, 34),
        hand=(57, 48),
        elbow_far=(52, 34),
        hand_far=(51, 48),
        hip=(52, 49),
        knee=(66, 62),
        foot=(66, 82),
        knee_far=(50, 69),
        foot_far=(46, 91),
    ),
    "walking": _pose(
        knee=(58, 72),
        foot=(64, 91),
        knee_far=(46, 72),
        foot_far=(38, 91),
        elbow=(56, 37),
        hand=(60, 50),
        elbow_far=(45, 37),
        hand_far=(41, 50),
    ),
    "sitting": {
        "head": (38, 30),
        "neck": (38, 39),
        "elbow": (42, 54),
        "hand": (52, 62),
        "elbow_far": (38, 55),
        "hand_far": (48, 63),
        "hip": (38, 66),
        "knee": (60, 66),
        "foot": (62, 91),
        "knee_far": (58, 67),
        "foot_far": (58, 91),
    },
    "sitting_leg_straight": {
        "head": (38, 30),
        "neck": (38, 39),
        "elbow": (42, 54),
        "hand": (50, 64),
        "elbow_far": (38, 55),
        "hand_far": (46, 65),
        "hip": (38, 66),
        "knee": (60, 66),
        "foot": (82, 62),
        "knee_far": (58, 67),
        "foot_far": (58, 91),
    },
    "supine": {
        "head": (14, 82),
        "neck": (23, 85),
        "elbow": (36, 87),
        "hand": (48, 87),
        "elbow_far": (36, 86),
        "hand_far": (48, 86),
        "hip": (52, 85),
        "knee": (70, 85),
        "foot": (88, 85),
        "knee_far": (70, 85),
        "foot_far": (88, 84),
    },
    "supine_knees_bent": {
        "head": (14, 82),
        "neck": (23, 85),
        "elbow": (36, 87),
        "hand": (48, 87),
        "elbow_far": (36, 86),
        "hand_far": (48, 86),
        "hip": (52, 85),
        "knee": (66, 70),
        "foot": (78, 86),
        "knee_far": (65, 70),
        "foot_far": (76, 86),
    },
    "prone": {
        "head": (14, 80),
        "neck": (23, 84),
        "elbow": (20, 88),
        "hand": (12, 88),
        "elbow_far": (21, 87),
        "hand_far": (13, 87),
        "hip": (52, 85),
        "knee": (70, 86),
        "foot": (88, 86),
        "knee_far": (70, 85),
        "foot_far": (88, 85),
    },
    "side_lying": {
        "head": (14, 78),
        "neck": (23, 82),
        "elbow": (36, 80),
        "hand": (48, 82),
        "elbow_far": (20, 88),
        "hand_far": (12, 88),
        "hip": (52, 82),
        "knee": (68, 84),
        "foot": (86, 86),
        "knee_far": (68, 86),
        "foot_far": (86, 87),
    },
    "four_point": {
        "head": (22, 52),
        "neck": (30, 58),
        "elbow": (30, 71),
        "hand": (30, 84),
        "elbow_far": (32, 71),
        "hand_far": (32, 84),
        "hip": (62, 60),
        "knee": (62, 84),
        "foot": (86, 86),
        "knee_far": (64, 84),
        "foot_far": (88, 86),
    },
}

PROPS = {
    "chair": "Stol",
    "wall": "Væg",
    "mat": "Måtte",
    "step": "Trappetrin",
    "table": "Bord eller køkkenbord",
    "bed": "Seng",
    "weight": "Håndvægt",
    "ankle_weight": "Vægtmanchet",
    "band": "Elastik",
    "ball": "Bold",
    "stick": "Stok",
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


def _prop(name: str, pose: dict[str, Point]) -> str:  # noqa: C901 - one small drawing per prop
    grey = 'fill="none" stroke="#5c5c5c" stroke-width="1.6"'
    hand_x, hand_y = pose["hand"]
    foot_x, foot_y = pose["foot"]
    if name == "chair":
        return (
            f'<polyline points="26,40 26,91" {grey}/><polyline points="26,67 48,67 48,91" {grey}/>'
        )
    if name == "wall":
        return '<rect x="88" y="6" width="6" height="86" fill="#e8e8e8" stroke="#5c5c5c"/>'
    if name == "mat":
        return '<rect x="6" y="88" width="88" height="4" fill="#d9e6f2" stroke="#5c5c5c"/>'
    if name == "step":
        return '<rect x="56" y="82" width="26" height="10" fill="#e8e8e8" stroke="#5c5c5c"/>'
    if name == "table":
        return f'<polyline points="66,50 96,50" {grey}/><polyline points="92,50 92,91" {grey}/>'
    if name == "bed":
        return '<rect x="6" y="88" width="88" height="4" fill="#e8e8e8" stroke="#5c5c5c"/>'
    if name == "weight":
        return f'<rect x="{hand_x - 4:g}" y="{hand_y - 2:g}" width="8" height="4" fill="#5c5c5c"/>'
    if name == "ankle_weight":
        return f'<rect x="{foot_x - 4:g}" y="{foot_y - 6:g}" width="6" height="5" fill="#5c5c5c"/>'
    if name == "band":
        return (
            f'<polyline points="{hand_x:g},{hand_y:g} 96,{hand_y:g}" fill="none" '
            'stroke="#5c5c5c" stroke-width="1.4" stroke-dasharray="3 2"/>'
        )
    if name == "ball":
        return f'<circle cx="{hand_x + 4:g}" cy="{hand_y - 4:g}" r="6" {grey}/>'
    # stick: a walking stick in the near hand, down to the floor
    return f'<polyline points="{hand_x:g},{hand_y:g} {hand_x + 2:g},91" {grey}/>'
