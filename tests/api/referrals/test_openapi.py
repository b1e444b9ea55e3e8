"""The referral flow's operations in the OpenAPI document, under their Danish tags."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

TAGS = {
    ("get", "/api/v1/referrals"): "Henvisninger",
    ("post", "/api/v1/referrals"): "Henvisninger",
    ("get", "/api/v1/referrals/{referral_id}"): "Henvisninger",
    ("post", "/api/v1/gop"): "Genoptræningsplaner",
    ("get", "/api/v1/referrals/{referral_id}/deadlines"): "Frister",
    ("get", "/api/v1/deadlines"): "Frister",
    ("post", "/api/v1/referrals/{referral_id}/assessments"): "Vurdering og afgørelse",
    ("post", "/api/v1/referrals/{referral_id}/decisions"): "Vurdering og afgørelse",
    ("get", "/api/v1/referrals/{referral_id}/decisions"): "Vurdering og afgørelse",
    ("post", "/api/v1/referrals/{referral_id}/plan"): "Vurdering og afgørelse",
    ("get", "/api/v1/decisions/{decision_id}"): "Vurdering og afgørelse",
    ("get", "/api/v1/decisions/{decision_id}/letter"): "Vurdering og afgørelse",
}


def test_every_operation_is_described_under_its_tag(client):
    document = client.get("/api/v1/openapi.json").json()

    for (method, path), tag in TAGS.items():
        operation = document["paths"][path][method]
        assert operation["tags"] == [tag], (method, path)
        assert operation["summary"]
    gop = document["paths"]["/api/v1/gop"]["post"]["requestBody"]["content"]
    assert set(gop) == {"application/xml", "text/xml", "application/json"}
    letter = document["paths"]["/api/v1/decisions/{decision_id}/letter"]["get"]["responses"]
    assert "application/pdf" in letter["200"]["content"]
