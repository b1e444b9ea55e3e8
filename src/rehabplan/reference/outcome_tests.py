"""The standard outcome measures of a training course, with unit, protocol and valid range.

A result is stored as a number in the test's unit; the catalogue says which direction is
better so a change between the start and the end of a course can be shown as improvement
or decline. Grip strength is one test per hand and COPM one per score (performance,
satisfaction), so every code has exactly one number; `group` ties such siblings together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class ImportantDifference:
    """The smallest change in the test's unit that patients notice as an improvement (minimal
    clinically important difference), with the study it comes from: author, year, population."""

    value: float
    source: str


@dataclass(frozen=True)
class OutcomeTest:
    code: str
    name: str  # Danish name shown to staff and in letters
    unit: str  # Danish unit as written after the value
    protocol: str  # short Danish protocol, so tests are done the same way each time
    minimum: float
    maximum: float
    higher_is_better: bool
    decimals: int  # precision the test is recorded with
    group: str = ""  # shared by tests that are one measurement (both hands, both COPM scores)
    # Only where the literature gives a value we trust; None leaves the share of citizens with a
    # clinically relevant improvement unstated rather than guessed.
    important_difference: ImportantDifference | None = None

    def check_value(self, value: float) -> float:
        """Return the value if it is a possible result, else raise ValueError (Danish)."""
        if not self.minimum <= value <= self.maximum:
            raise ValueError(
                f"{self.name}: {format_number(value, self.decimals)} {self.unit} ligger uden "
                f"for det mulige interval {format_number(self.minimum, self.decimals)}-"
                f"{format_number(self.maximum, self.decimals)} {self.unit}."
            )
        if self.decimals == 0 and value != int(value):
            raise ValueError(f"{self.name} registreres i hele {self.unit}.")
        return value

    def format_value(self, value: float) -> str:
        return f"{format_number(value, self.decimals)} {self.unit}"


class Change(NamedTuple):
    difference: float  # end minus start, in the test's unit
    improved: bool | None  # None when unchanged
    text: str  # Danish sentence for screens and status reports


def format_number(value: float, decimals: int) -> str:
    """Danish number format: decimal comma, e.g. 11,0."""
    return f"{value:.{decimals}f}".replace(".", ",")


_GRIP_PROTOCOL = (
    "Håndholdt dynamometer (fx Jamar), håndtag i position 2. Borgeren sidder med albuen "
    "bøjet 90 grader og underarmen i neutral stilling. Tre forsøg pr. hånd med kort pause; "
    "det bedste resultat i kg noteres for hver hånd."
)
_COPM_PROTOCOL = (
    "Semistruktureret interview (Canadian Occupational Performance Measure). Borgeren "
    "udpeger op til fem vigtige aktivitetsproblemer og scorer for hvert sin udførelse og sin "
    "tilfredshed med udførelsen på en skala fra 1 til 10. Scoren er gennemsnittet for "
    "problemerne. Ved afslutning scores de samme problemer igen."
)

_TESTS = (
    OutcomeTest(
        code="chair_stand_30s",
        name="30 sekunders rejse-sætte-sig-test",
        unit="gentagelser",
        protocol=(
            "Stol uden armlæn, sædehøjde ca. 45 cm, mod en væg. Borgeren sidder midt på "
            "sædet med armene krydset over brystet. På signal rejser borgeren sig helt op og "
            "sætter sig igen så mange gange som muligt på 30 sekunder. Antal hele "
            "rejsninger tælles. Må armene bruges, noteres det ved resultatet."
        ),
        minimum=0,
        maximum=60,
        higher_is_better=True,
        decimals=0,
        important_difference=ImportantDifference(
            2.0, "Wright m.fl. 2011 (J Orthop Sports Phys Ther): personer med hofteartrose"
        ),
    ),
    OutcomeTest(
        code="timed_up_and_go",
        name="Timed Up and Go",
        unit="s",
        protocol=(
            "Stol med armlæn, sædehøjde ca. 45 cm; en markering 3 meter fra stolen. Borgeren "
            "sidder med ryggen mod ryglænet. På signal rejser borgeren sig, går i sædvanligt "
            "tempo til markeringen, vender, går tilbage og sætter sig. Tiden tages fra "
            "signal til ryggen igen rører ryglænet. Sædvanligt ganghjælpemiddel bruges og "
            "noteres."
        ),
        minimum=0,
        maximum=300,
        higher_is_better=False,
        decimals=1,
        important_difference=ImportantDifference(
            0.8, "Wright m.fl. 2011 (J Orthop Sports Phys Ther): personer med hofteartrose"
        ),
    ),
    OutcomeTest(
        code="six_minute_walk",
        name="6 minutters gangtest",
        unit="m",
        protocol=(
            "Afmærket, uforstyrret strækning (fx 30 meter) med vendepunkter. Borgeren går så "
            "langt som muligt på 6 minutter og må hvile undervejs, mens tiden løber. "
            "Standardiseret opmuntring hvert minut. Den samlede distance i meter noteres "
            "sammen med ganghjælpemiddel og eventuel ilt."
        ),
        minimum=0,
        maximum=1200,
        higher_is_better=True,
        decimals=0,
        important_difference=ImportantDifference(
            30.0, "Holland m.fl. 2014 (Eur Respir J): voksne med kronisk lungesygdom"
        ),
    ),
    OutcomeTest(
        code="berg_balance",
        name="Bergs Balanceskala",
        unit="point",
        protocol=(
            "14 balanceopgaver (fx rejse sig fra siddende, stå uden støtte, række frem, "
            "vende sig 360 grader, stå på ét ben) scores hver fra 0 til 4 efter manualen. "
            "Summen giver 0-56 point; en lav score betyder større faldrisiko."
        ),
        minimum=0,
        maximum=56,
        higher_is_better=True,
        decimals=0,
    ),
    OutcomeTest(
        code="grip_strength_right",
        name="Gribestyrke, højre hånd",
        unit="kg",
        protocol=_GRIP_PROTOCOL,
        minimum=0,
        maximum=100,
        higher_is_better=True,
        decimals=1,
        group="grip_strength",
    ),
    OutcomeTest(
        code="grip_strength_left",
        name="Gribestyrke, venstre hånd",
        unit="kg",
        protocol=_GRIP_PROTOCOL,
        minimum=0,
        maximum=100,
        higher_is_better=True,
        decimals=1,
        group="grip_strength",
    ),
    OutcomeTest(
        code="gait_speed_10m",
        name="Ganghastighed (10 meter gangtest)",
        unit="m/s",
        protocol=(
            "Lige gangbane på 14 meter: 2 meter til acceleration, 10 meters målestrækning og "
            "2 meter til nedbremsning. Borgeren går i selvvalgt, sædvanligt tempo. Tiden over "
            "de midterste 10 meter måles; hastigheden er 10 m divideret med tiden i sekunder. "
            "Gennemsnit af to forsøg; ganghjælpemiddel noteres."
        ),
        minimum=0,
        maximum=3,
        higher_is_better=True,
        decimals=2,
        important_difference=ImportantDifference(
            0.1, "Perera m.fl. 2006 (J Am Geriatr Soc): ældre, væsentlig ændring"
        ),
    ),
    OutcomeTest(
        code="copm_performance",
        name="COPM, udførelse",
        unit="point",
        protocol=_COPM_PROTOCOL,
        minimum=1,
        maximum=10,
        higher_is_better=True,
        decimals=1,
        group="copm",
        important_difference=ImportantDifference(
            2.0, "Law m.fl. 1994 (Can J Occup Ther): voksne i ergoterapi"
        ),
    ),
    OutcomeTest(
        code="copm_satisfaction",
        name="COPM, tilfredshed",
        unit="point",
        protocol=_COPM_PROTOCOL,
        minimum=1,
        maximum=10,
        higher_is_better=True,
        decimals=1,
        group="copm",
        important_difference=ImportantDifference(
            2.0, "Law m.fl. 1994 (Can J Occup Ther): voksne i ergoterapi"
        ),
    ),
)
_BY_CODE = {test.code: test for test in _TESTS}


def all_outcome_tests() -> tuple[OutcomeTest, ...]:
    return _TESTS


def get_outcome_test(code: str) -> OutcomeTest:
    """The test with this code; raise KeyError with a Danish message for an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        known = ", ".join(_BY_CODE)
        raise KeyError(f"Ukendt test '{code}'. Kendte tests: {known}.") from None


def describe_change(code: str, start_value: float, end_value: float) -> Change:
    """The change from start to end: difference, whether it is better, and a Danish text.

    Whether a change is an improvement depends on the test: for Timed Up and Go a lower
    time is better. Both values must be possible results of the test.
    """
    test = get_outcome_test(code)
    test.check_value(start_value)
    test.check_value(end_value)
    difference = round(end_value - start_value, test.decimals)
    span = f"{test.name}: fra {test.format_value(start_value)} til {test.format_value(end_value)}"
    if difference == 0:
        return Change(0.0, None, f"{span}, uændret.")
    improved = (difference > 0) == test.higher_is_better
    amount = test.format_value(abs(difference))
    verdict = f"forbedret med {amount}" if improved else f"forringet med {amount}"
    if not test.higher_is_better:
        verdict += " (lavere er bedre)"
    return Change(difference, improved, f"{span}, {verdict}.")
