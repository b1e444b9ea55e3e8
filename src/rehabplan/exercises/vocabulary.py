"""The closed word lists of the exercise library: keys in the files, Danish labels on screen."""

from __future__ import annotations

REGIONS: dict[str, str] = {
    "hip": "Hofte",
    "knee": "Knæ",
    "ankle_foot": "Ankel og fod",
    "back": "Ryg",
    "neck": "Nakke",
    "shoulder": "Skulder",
    "arm_hand": "Arm og hånd",
    "trunk": "Krop og balance",
    "whole_body": "Hele kroppen",
    "breathing": "Vejrtrækning",
}

FUNCTIONS: dict[str, str] = {
    "strength": "Styrke",
    "balance": "Balance",
    "endurance": "Kondition og udholdenhed",
    "mobility": "Bevægelighed",
    "adl": "Dagligdagsaktiviteter (ADL)",
}

LEVELS: dict[int, str] = {
    1: "Let",
    2: "Middel",
    3: "Svær",
}

# The course groups an exercise is commonly used in; a programme template names one of them.
COURSE_GROUPS: dict[str, str] = {
    "hip_knee": "Hofte og knæ efter operation",
    "back": "Ryg",
    "balance_falls": "Balance og faldforebyggelse",
    "shoulder": "Skulder",
    "stroke": "Apopleksi",
    "copd": "KOL",
    "dementia": "Demens",
    "general": "Almen styrke og kondition",
}

EQUIPMENT_NOTE_MAX = 120

# Training packages for citizens with dementia: the target group's dementia type, disease phase
# and where the citizen lives, and how the training is organised.
DEMENTIA_TYPES: dict[str, str] = {
    "alzheimers": "Alzheimers sygdom",
    "vascular": "Vaskulær demens",
    "mixed": "Blandet demens",
    "lewy_body": "Lewy body demens",
    "frontotemporal": "Frontotemporal demens",
}

PHASES: dict[str, str] = {
    "mild": "Let",
    "moderate": "Moderat",
    "severe": "Svær",
}

LIVING: dict[str, str] = {
    "home": "Bor i eget hjem",
    "care_home": "Bor i plejebolig",
}

ORGANISATION_MODELS: dict[str, str] = {
    "centre": "Hold i træningscentret",
    "home_with_relative": "Hjemme sammen med en pårørende",
    "care_home": "I plejeboligens egne rammer",
}

PACKAGE_PARTS: dict[str, str] = {
    "warm_up": "Opvarmning",
    "main": "Hoveddel",
    "cool_down": "Afslutning",
    "home": "Hjemmetræning",
}
