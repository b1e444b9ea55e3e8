"""The leader's key figures for a period: the tables of the dashboard's sections, figures only.

The same sections compute them as for the dashboard; the cases behind a figure (citizens) are
not part of the API, so nothing here is a citizen's data."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In, ObjectId
from rehabplan.reporting.kpi.choices import checked_filters
from rehabplan.reporting.kpi.figures import KpiTable
from rehabplan.reporting.kpi.sections import SECTIONS
from rehabplan.rules.ruletypes import SERVICE_CODE, SERVICE_CODE_MAX_LENGTH

router = Router()
VIEW_KPI = "reporting.view_kpi"

SectionKey = Literal[tuple(section.key for section in SECTIONS)]  # type: ignore[valid-type]


class KpiQuery(In):
    date_from: Day = Field(description="Periodens første dag (med)")
    date_to: Day = Field(description="Periodens sidste dag (med); højst 3 år efter den første")
    section: SectionKey | None = Field(None, description="Kun dette afsnit; standard: alle")
    location_id: ObjectId | None = Field(None, description="Kun dette træningssted")
    service_code: str = Field(
        "",
        max_length=SERVICE_CODE_MAX_LENGTH,
        pattern=f"^$|{SERVICE_CODE.pattern}",
        description="Kun denne indsats, fx SUL140",
    )
    team_class_id: ObjectId | None = Field(None, description="Kun dette hold")
    therapist_id: ObjectId | None = Field(None, description="Kun denne terapeut")


class ColumnOut(Schema):
    key: str
    label: str = Field(description="Kolonnens overskrift på dansk")
    kind: Literal["text", "count", "percent", "days", "number"] = Field(
        description="text, count (heltal), percent (0-100), days (antal dage) eller number"
    )


class ChartOut(Schema):
    kind: Literal["bar", "line"]
    label_column: str
    value_columns: list[str]
    stacked: bool


class TableOut(Schema):
    key: str
    title: str
    description: str = Field(description="Hvad der tælles og hvordan")
    columns: list[ColumnOut]
    rows: list[list[str | int | float | None]] = Field(
        description="Én liste pr. række med en værdi pr. kolonne; tom værdi: intet at tælle"
    )
    chart: ChartOut | None = Field(description="Diagrammet, som skærmen viser over tabellen")


class SectionOut(Schema):
    key: str
    title: str
    tables: list[TableOut]


class KpiOut(Schema):
    date_from: datetime.date
    date_to: datetime.date
    sections: list[SectionOut]


def _table(table: KpiTable) -> dict[str, Any]:
    chart = table.chart
    return {
        "key": table.key,
        "title": str(table.title),
        "description": str(table.description),
        "columns": [
            {"key": column.key, "label": str(column.label), "kind": str(column.kind)}
            for column in table.columns
        ],
        "rows": [[cell.value for cell in row] for row in table.rows],
        "chart": None
        if chart is None
        else {
            "kind": chart.kind,
            "label_column": chart.label_column,
            "value_columns": list(chart.value_columns),
            "stacked": chart.stacked,
        },
    }


@router.get(
    "",
    response={200: KpiOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Nøgletal for en periode",
    description="Tabellerne fra “Statistik”: frister, ventetid, fremmøde, kapacitet og "
    "resultater for egen kommune i perioden (begge dage med, højst 3 år), evt. for ét sted, "
    "én indsats, ét hold eller én terapeut. Kun tal, ingen borgere. Et sted, hold eller en "
    "terapeut fra en anden kommune giver 404.",
)
def get_kpi(request: HttpRequest, query: Query[KpiQuery]):
    user = require(request, VIEW_KPI)
    filters = checked_filters(
        user=user,
        period_start=query.date_from,
        period_end=query.date_to,
        today=timezone.localdate(),
        location_id=query.location_id,
        service_code=query.service_code,
        team_class_id=query.team_class_id,
        therapist_id=query.therapist_id,
    )
    chosen = [section for section in SECTIONS if query.section in (None, section.key)]
    return {
        "date_from": filters.period_start,
        "date_to": filters.period_end,
        "sections": [
            {
                "key": section.key,
                "title": str(section.title),
                "tables": [_table(table) for table in section.tables(filters)],
            }
            for section in chosen
        ],
    }
