"""A parsed GOP as the JSON kept on the referral for display (no CPR number in it)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from rehabplan.gop import GopParty, GopReference, GopSigner, ParsedGop, Phone

# Bumped when the shape of the stored JSON changes, so old referrals can be told apart.
# 2: journal excerpts, the hospital team, references, copy receivers, whom to ask, and every
# phone number of the citizen and the relatives.
GOP_CONTENT_FORMAT = 2


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _phones(phones: tuple[Phone, ...]) -> list[dict[str, str]]:
    return [{"number": phone.number, "kind": phone.kind} for phone in phones]


def _party(party: GopParty | None) -> dict[str, Any] | None:
    if party is None:
        return None
    return {
        "name": party.name,
        "title": party.title,
        "organisation": party.organisation,
        "department": party.department,
        "unit": party.unit,
        "address": list(party.address_lines),
        "phone": party.phone,
        "phones": _phones(party.phones),
        "email": party.email,
        "ean": party.ean,
    }


def _signer(signer: GopSigner | None) -> str:
    if signer is None:
        return ""
    return ", ".join(part for part in (signer.name, signer.title) if part)


def web_link(url: str) -> str:
    """The address when it is an http or https link a browser may open, else "".

    Anything else (javascript:, data:, file: and addresses without a host) is shown as text
    only, never as a link."""
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return text


def _reference(reference: GopReference) -> dict[str, str]:
    return {
        "description": reference.description,
        "url": reference.url,
        "link": web_link(reference.url),
    }


def gop_content_from_parsed(parsed: ParsedGop) -> dict[str, Any]:
    """Everything the visitator reads from the plan, as JSON-safe values."""
    signer = parsed.sender.signed_by
    ambulatory = parsed.hospital_ambulatory_control
    return {
        "format": GOP_CONTENT_FORMAT,
        "letter_identifier": parsed.letter_identifier,
        "episode_of_care_identifier": parsed.episode_of_care_identifier,
        "authorised_at": _iso(parsed.authorised_at),
        "sender": {
            **(_party(parsed.sender.party) or {}),
            "signed_by": _signer(signer),
            "co_writers": [_signer(item) for item in parsed.sender.co_writers],
        },
        "receiving_municipality": {
            "code": parsed.receiving_municipality.code,
            "name": parsed.receiving_municipality.name,
            "source": parsed.receiving_municipality.source,
        },
        "plan_type": parsed.plan_type,
        "plan_type_label": parsed.plan_type_label,
        "hospital_contact_start": _iso(parsed.hospital_contact_start),
        "hospital_contact_expected_end": _iso(parsed.hospital_contact_expected_end),
        "hospital_contact_expected_end_text": parsed.hospital_contact_expected_end_text,
        "rehabilitation_deadline_text": parsed.rehabilitation_deadline_text,
        "rehabilitation_deadline_date": _iso(parsed.rehabilitation_deadline_date),
        "diagnoses": [
            {"code": item.code, "text": item.text, "primary": item.primary}
            for item in parsed.diagnoses
        ],
        "icf": [
            {
                "code": item.code,
                "text": item.code_text,
                "gradient": item.gradient,
                "gradient_text": item.gradient_text,
            }
            for item in parsed.icf_classifications
        ],
        "patient_health_summary": parsed.patient_health_summary,
        "ability_at_discharge_summary": parsed.ability_at_discharge_summary,
        "ability_at_discharge_extended": parsed.ability_at_discharge_extended,
        "rehabilitation_need_and_potential": parsed.rehabilitation_need_and_potential,
        "patient_safety_aspects": parsed.patient_safety_aspects,
        "information_for_patient_and_relatives": parsed.information_for_patient_and_relatives,
        "practical_information": parsed.practical_information,
        "consent_informed": parsed.consent_informed,
        "consent_informed_text": parsed.consent_informed_text,
        "patient_phones": _phones(parsed.patient.phones),
        "patient_no_telephone_reason": parsed.patient.no_telephone_reason,
        "relatives": [
            {
                "name": item.name,
                "relation": item.relation,
                "phone": item.phone,
                "phones": _phones(item.phones),
                "email": item.email,
            }
            for item in parsed.relatives
        ],
        "journal_excerpts": [
            {
                "type": item.type_of_excerpt,
                "text": item.text,
                "signed_on": _iso(item.signed_date),
                "signed_by": _signer(item.signed_by),
            }
            for item in parsed.journal_excerpts
        ],
        "health_care_team": [_party(member) for member in parsed.health_care_team],
        "references": [_reference(item) for item in parsed.references],
        "cc_receivers": [_party(item) for item in parsed.cc_receivers],
        "contact_municipality": _party(parsed.contact_municipality),
        "contact_county": _party(parsed.contact_county),
        "gp": _party(parsed.gp_cc_receiver),
        "final_result_receiver": _party(parsed.final_result_receiver),
        "ambulatory_control": {
            "expected_start": _iso(ambulatory.expected_start),
            "expected_start_text": ambulatory.expected_start_text,
            "location": _party(ambulatory.location),
        }
        if ambulatory is not None
        else None,
        "history": [],
    }
