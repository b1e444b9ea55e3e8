"""The base poses of the stick figures: where each joint is in a 100 x 100 panel.

A side view faces right; a front view ("front" in the name) has the near limbs on the figure's
right (the viewer's right) and the far limbs, drawn grey, on its left. The floor is at y = 92.
An exercise file names one of these and may move single joints (see figures.py).
"""

from __future__ import annotations

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

_FRONT: dict[str, Point] = {
    "head": (50, 14), "neck": (50, 23), "elbow": (58, 37), "hand": (60, 51),
    "elbow_far": (42, 37), "hand_far": (40, 51), "hip": (50, 53), "knee": (54, 72),
    "foot": (55, 91), "knee_far": (46, 72), "foot_far": (45, 91),
}  # fmt: skip

_SITTING: dict[str, Point] = {
    "head": (38, 30), "neck": (38, 39), "elbow": (42, 54), "hand": (52, 62),
    "elbow_far": (38, 55), "hand_far": (48, 63), "hip": (38, 66), "knee": (60, 66),
    "foot": (62, 91), "knee_far": (58, 67), "foot_far": (58, 91),
}  # fmt: skip

_SUPINE: dict[str, Point] = {
    "head": (14, 82), "neck": (23, 85), "elbow": (36, 87), "hand": (48, 87),
    "elbow_far": (36, 86), "hand_far": (48, 86), "hip": (52, 85), "knee": (70, 85),
    "foot": (88, 85), "knee_far": (70, 85), "foot_far": (88, 84),
}  # fmt: skip

_SIDE_LYING: dict[str, Point] = {
    "head": (14, 78), "neck": (23, 82), "elbow": (36, 80), "hand": (48, 82),
    "elbow_far": (20, 88), "hand_far": (12, 88), "hip": (52, 82), "knee": (68, 84),
    "foot": (86, 86), "knee_far": (68, 86), "foot_far": (86, 87),
}  # fmt: skip

_FOUR_POINT: dict[str, Point] = {
    "head": (22, 52), "neck": (30, 58), "elbow": (30, 71), "hand": (30, 84),
    "elbow_far": (32, 71), "hand_far": (32, 84), "hip": (62, 60), "knee": (62, 84),
    "foot": (86, 86), "knee_far": (64, 84), "foot_far": (88, 86),
}  # fmt: skip


def _from(base: dict[str, Point], **moved: Point) -> dict[str, Point]:
    return {**base, **moved}


_STANDING_POSES: dict[str, dict[str, Point]] = {
    "standing": _from(_STANDING),
    "standing_arms_forward": _from(
        _STANDING, elbow=(62, 25), hand=(74, 25), elbow_far=(61, 27), hand_far=(73, 27)
    ),
    "standing_arms_up": _from(
        _STANDING, elbow=(52, 10), hand=(53, 4), elbow_far=(48, 10), hand_far=(47, 4)
    ),
    "standing_one_leg": _from(_STANDING, knee_far=(60, 66), foot_far=(55, 80)),
    "standing_knee_up": _from(
        _STANDING, knee=(64, 62), foot=(62, 80), elbow=(46, 37), hand=(43, 49),
        elbow_far=(56, 37), hand_far=(61, 47),
    ),
    "standing_leg_back": _from(
        _STANDING, head=(53, 15), neck=(52, 24), knee=(44, 71), foot=(36, 88),
        elbow=(60, 36), hand=(70, 49), elbow_far=(58, 37), hand_far=(68, 50),
    ),
    "standing_heels_up": _from(
        _STANDING, head=(50, 10), neck=(50, 19), elbow=(52, 34), hand=(53, 48),
        elbow_far=(48, 34), hand_far=(47, 48), hip=(50, 49), knee=(51, 69), foot=(54, 87),
        knee_far=(49, 69), foot_far=(48, 87),
    ),
    "standing_tandem": _from(
        _STANDING, knee=(56, 72), foot=(59, 91), knee_far=(47, 72), foot_far=(47, 91)
    ),
    "standing_reach_forward": _from(
        _STANDING, head=(60, 18), neck=(56, 26), hip=(47, 54), elbow=(68, 24), hand=(81, 23),
        elbow_far=(67, 26), hand_far=(80, 25), knee=(49, 72), knee_far=(47, 72),
    ),
    "standing_reach_up": _from(
        _STANDING, elbow=(58, 14), hand=(64, 3), elbow_far=(46, 38), hand_far=(44, 51)
    ),
    "standing_row": _from(
        _STANDING, elbow=(41, 34), hand=(53, 34), elbow_far=(40, 35), hand_far=(52, 35)
    ),
    "standing_elbows_back": _from(
        _STANDING, elbow=(40, 36), hand=(48, 28), elbow_far=(41, 37), hand_far=(49, 29)
    ),
    "standing_pendulum": _from(
        _STANDING, head=(70, 28), neck=(63, 34), hip=(42, 54), elbow=(64, 49), hand=(65, 63),
        elbow_far=(68, 41), hand_far=(72, 50), knee=(45, 72), foot=(47, 91),
        knee_far=(41, 72), foot_far=(37, 91),
    ),
    "standing_wall_lean": _from(
        _STANDING, head=(67, 18), neck=(63, 26), hip=(54, 54), knee=(50, 72), foot=(46, 91),
        knee_far=(49, 72), foot_far=(45, 91), elbow=(76, 26), hand=(88, 27),
        elbow_far=(75, 28), hand_far=(88, 29),
    ),
    "standing_wall_push": _from(
        _STANDING, head=(77, 20), neck=(72, 27), hip=(57, 54), knee=(51, 72), foot=(46, 91),
        knee_far=(50, 72), foot_far=(45, 91), elbow=(76, 40), hand=(88, 28),
        elbow_far=(75, 41), hand_far=(88, 30),
    ),
    "mini_squat": _from(
        _STANDING, head=(56, 24), neck=(54, 32), elbow=(62, 42), hand=(70, 42),
        elbow_far=(60, 44), hand_far=(68, 44), hip=(40, 60), knee=(56, 72), foot=(52, 91),
        knee_far=(54, 73), foot_far=(48, 91),
    ),
    "squat_deep": _from(
        _STANDING, head=(60, 34), neck=(56, 42), elbow=(66, 46), hand=(78, 45),
        elbow_far=(65, 48), hand_far=(77, 47), hip=(36, 69), knee=(56, 74), foot=(52, 91),
        knee_far=(54, 75), foot_far=(48, 91),
    ),
    "bend_to_floor": _from(
        _STANDING, head=(66, 44), neck=(60, 48), hip=(40, 62), elbow=(64, 62), hand=(70, 78),
        elbow_far=(62, 64), hand_far=(67, 80), knee=(58, 74), foot=(54, 91),
        knee_far=(56, 75), foot_far=(48, 91),
    ),
    "lunge": _from(
        _STANDING, head=(50, 20), neck=(50, 29), hip=(50, 58), knee=(66, 70), foot=(68, 91),
        knee_far=(40, 80), foot_far=(26, 91), elbow=(52, 44), hand=(53, 57),
        elbow_far=(48, 44), hand_far=(47, 57),
    ),
    "step_up": _from(
        _STANDING, head=(54, 10), neck=(54, 19), elbow=(56, 34), hand=(57, 48),
        elbow_far=(52, 34), hand_far=(51, 48), hip=(52, 49), knee=(66, 62), foot=(66, 82),
        knee_far=(50, 69), foot_far=(46, 91),
    ),
    "walking": _from(
        _STANDING, knee=(58, 72), foot=(64, 91), knee_far=(46, 72), foot_far=(38, 91),
        elbow=(56, 37), hand=(60, 50), elbow_far=(45, 37), hand_far=(41, 50),
    ),
}  # fmt: skip

_FRONT_POSES: dict[str, dict[str, Point]] = {
    "front_standing": _from(_FRONT),
    "front_feet_wide": _from(
        _FRONT, knee=(59, 72), foot=(65, 91), knee_far=(41, 72), foot_far=(35, 91)
    ),
    "front_leg_side": _from(_FRONT, knee=(58, 71), foot=(66, 89), hand_far=(38, 50)),
    "front_one_leg": _from(_FRONT, knee=(56, 67), foot=(55, 84)),
    "front_arms_out": _from(
        _FRONT, elbow=(64, 25), hand=(78, 24), elbow_far=(36, 25), hand_far=(22, 24)
    ),
    "front_arms_up": _from(
        _FRONT, elbow=(56, 10), hand=(59, 1), elbow_far=(44, 10), hand_far=(41, 1)
    ),
    "front_arms_forward": _from(
        _FRONT, elbow=(57, 30), hand=(56, 28), elbow_far=(43, 30), hand_far=(44, 28)
    ),
    "front_elbows_bent": _from(
        _FRONT, elbow=(57, 38), hand=(58, 44), elbow_far=(43, 38), hand_far=(42, 44)
    ),
    "front_forearms_out": _from(
        _FRONT, elbow=(57, 38), hand=(70, 40), elbow_far=(43, 38), hand_far=(30, 40)
    ),
    "front_side_bend": _from(
        _FRONT, head=(58, 16), neck=(55, 24), elbow=(60, 40), hand=(60, 55),
        elbow_far=(46, 12), hand_far=(52, 3),
    ),
}  # fmt: skip

_SITTING_POSES: dict[str, dict[str, Point]] = {
    "sitting": _from(_SITTING),
    "sitting_leg_straight": _from(_SITTING, hand=(50, 64), hand_far=(46, 65), foot=(82, 62)),
    "sitting_knee_up": _from(_SITTING, knee=(58, 56), foot=(62, 79)),
    "sitting_heels_up": _from(_SITTING, knee=(60, 63), foot=(63, 87)),
    "sitting_arms_forward": _from(
        _SITTING, elbow=(52, 39), hand=(65, 39), elbow_far=(51, 41), hand_far=(64, 41)
    ),
    "sitting_arms_up": _from(
        _SITTING, elbow=(41, 24), hand=(43, 12), elbow_far=(37, 24), hand_far=(36, 12)
    ),
    "sitting_lean_forward": _from(
        _SITTING, head=(57, 38), neck=(51, 44), elbow=(56, 60), hand=(63, 64),
        elbow_far=(54, 61), hand_far=(61, 65),
    ),
    "sitting_reach_down": _from(
        _SITTING, head=(66, 48), neck=(58, 52), elbow=(66, 66), hand=(70, 80),
        elbow_far=(64, 67), hand_far=(67, 82),
    ),
    "sitting_hands_on_belly": _from(
        _SITTING, elbow=(48, 57), hand=(41, 58), elbow_far=(46, 50), hand_far=(40, 46)
    ),
    "sitting_at_table": _from(
        _SITTING, elbow=(52, 52), hand=(68, 49), elbow_far=(50, 53), hand_far=(66, 50)
    ),
    "sitting_chin_tuck": _from(_SITTING, head=(35, 30)),
    "cycling": {
        "head": (50, 22), "neck": (46, 31), "elbow": (56, 40), "hand": (65, 44),
        "elbow_far": (55, 41), "hand_far": (64, 45), "hip": (36, 58), "knee": (56, 54),
        "foot": (54, 74), "knee_far": (52, 66), "foot_far": (46, 85),
    },
    "pedalling": _from(
        _SITTING, knee=(62, 62), foot=(72, 80), knee_far=(60, 68), foot_far=(62, 88)
    ),
}  # fmt: skip

_LYING_POSES: dict[str, dict[str, Point]] = {
    "supine": _from(_SUPINE),
    "supine_knees_bent": _from(
        _SUPINE, knee=(66, 70), foot=(78, 86), knee_far=(65, 70), foot_far=(76, 86)
    ),
    "supine_knee_bent": _from(_SUPINE, knee=(66, 70), foot=(78, 86)),
    "supine_leg_raised": _from(
        _SUPINE, knee=(69, 78), foot=(86, 70), knee_far=(65, 70), foot_far=(76, 86)
    ),
    "supine_knee_to_chest": _from(
        _SUPINE, knee=(48, 66), foot=(62, 70), elbow=(34, 76), hand=(46, 66),
        knee_far=(65, 70), foot_far=(76, 86),
    ),
    "supine_arms_up": _from(
        _SUPINE, elbow=(24, 72), hand=(25, 60), elbow_far=(23, 73), hand_far=(24, 61)
    ),
    "bridge": _from(
        _SUPINE, head=(14, 82), neck=(23, 84), hip=(50, 71), knee=(67, 65), foot=(78, 86),
        knee_far=(66, 66), foot_far=(76, 86), elbow=(35, 87), hand=(46, 87),
        elbow_far=(35, 86), hand_far=(46, 86),
    ),
    "prone": {
        "head": (14, 80), "neck": (23, 84), "elbow": (20, 88), "hand": (12, 88),
        "elbow_far": (21, 87), "hand_far": (13, 87), "hip": (52, 85), "knee": (70, 86),
        "foot": (88, 86), "knee_far": (70, 85), "foot_far": (88, 85),
    },
    "prone_on_elbows": {
        "head": (18, 64), "neck": (26, 72), "elbow": (26, 88), "hand": (13, 88),
        "elbow_far": (27, 87), "hand_far": (14, 87), "hip": (52, 84), "knee": (70, 86),
        "foot": (88, 86), "knee_far": (70, 85), "foot_far": (88, 85),
    },
    "plank_knees": {
        "head": (15, 68), "neck": (24, 73), "elbow": (24, 88), "hand": (11, 88),
        "elbow_far": (25, 87), "hand_far": (12, 87), "hip": (50, 79), "knee": (72, 88),
        "foot": (88, 80), "knee_far": (72, 87), "foot_far": (88, 79),
    },
    "plank": {
        "head": (15, 68), "neck": (24, 73), "elbow": (24, 88), "hand": (11, 88),
        "elbow_far": (25, 87), "hand_far": (12, 87), "hip": (53, 78), "knee": (72, 83),
        "foot": (91, 89), "knee_far": (72, 82), "foot_far": (91, 88),
    },
    "side_lying": _from(_SIDE_LYING),
    "side_lying_knees_bent": _from(
        _SIDE_LYING, knee=(66, 78), foot=(80, 85), knee_far=(66, 87), foot_far=(80, 88)
    ),
    "side_lying_clam_open": _from(
        _SIDE_LYING, knee=(63, 66), foot=(79, 83), knee_far=(66, 87), foot_far=(80, 88)
    ),
    "side_lying_leg_up": _from(_SIDE_LYING, knee=(69, 76), foot=(86, 70)),
    "four_point": _from(_FOUR_POINT),
    "four_point_reach": _from(
        _FOUR_POINT, head=(20, 53), elbow=(17, 56), hand=(5, 55), knee_far=(78, 60),
        foot_far=(95, 60),
    ),
    "four_point_sit_back": _from(
        _FOUR_POINT, head=(34, 80), neck=(42, 78), hip=(74, 78), knee=(58, 88), foot=(84, 89),
        knee_far=(60, 88), foot_far=(86, 89), elbow=(28, 84), hand=(14, 88),
        elbow_far=(29, 85), hand_far=(15, 89),
    ),
}  # fmt: skip

BASE_POSES: dict[str, dict[str, Point]] = {
    **_STANDING_POSES,
    **_FRONT_POSES,
    **_SITTING_POSES,
    **_LYING_POSES,
}
