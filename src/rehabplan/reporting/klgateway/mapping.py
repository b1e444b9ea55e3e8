"""Product values -> §140 codes and FHIR statuses: one table per product field, so the mapping
documented in docs/kl-gateway.md is read off in one place."""

from __future__ import annotations

from rehabplan.courses.models import (
    ContactType,
    CourseStatus,
    DeliveryType,
    FreeChoice,
    GopLevel,
    PlanType,
    ReferralStatus,
)
from rehabplan.organisation.models import Profession
from rehabplan.reference.fsiii_interventions import FUNCTIONAL_TRAINING, PHYSICAL_TRAINING
from rehabplan.reporting.klgateway import codes

# Referral.plan_type -> the GGOP type (ServiceRequest.category, invariant service-request-1).
PLAN_TYPE_CATEGORY = {
    PlanType.GENERAL: codes.CATEGORY_GENERAL,
    PlanType.SPECIALISED: codes.CATEGORY_SPECIALISED,
    PlanType.REHABILITATION: codes.CATEGORY_REHABILITATION,
}
# Referral.gop_level -> the second category a general plan may carry.
GOP_LEVEL_CATEGORY = {
    GopLevel.BASAL: codes.CATEGORY_BASAL,
    GopLevel.ADVANCED: codes.CATEGORY_ADVANCED,
}
# Referral.status -> ServiceRequest.status (request-status).
REFERRAL_STATUS = {
    ReferralStatus.NEW: "active",
    ReferralStatus.AWAITING_DECISION: "active",
    ReferralStatus.GRANTED: "active",
    ReferralStatus.PLANNED: "active",
    ReferralStatus.REFUSED: "revoked",
    ReferralStatus.REPLACED: "revoked",
    ReferralStatus.WITHDRAWN: "revoked",
    ReferralStatus.OTHER_MUNICIPALITY: "revoked",
}
# Why the referral is on hold or left (ServiceRequestStatusReasons140).
STATUS_REASON_OTHER_MUNICIPALITY = "f64b8f5e-8ced-4a8b-ab73-8994fb524915"
STATUS_REASON_FREE_CHOICE = "3796fa11-305f-47d6-b164-45b05489afb2"
STATUS_REASON_FREE_CHOICE_DECLINED = "46a6bc1f-bfe8-4390-a71f-44ad4a384b9d"
FREE_CHOICE_REASON = {
    FreeChoice.ACCEPTED: STATUS_REASON_FREE_CHOICE,
    FreeChoice.DECLINED: STATUS_REASON_FREE_CHOICE_DECLINED,
}
# Course.status -> (CarePlan.status, activity.detail.status).
COURSE_STATUS = {
    CourseStatus.AWAITING_START: ("active", "not-started"),
    CourseStatus.ACTIVE: ("active", "in-progress"),
    CourseStatus.PROPOSED_FOR_ENDING: ("active", "in-progress"),
    CourseStatus.CLOSED: ("completed", "completed"),
    CourseStatus.CANCELLED: ("revoked", "cancelled"),
}
# A closed course whose end reason says it stopped early is "stopped", with the reason
# (CancellationTypes); any other closed course is completed.
END_REASON_CANCELLATION = {
    "no_shows": codes.CANCELLATION_NO_SHOW,
    "other_programme": codes.CANCELLATION_OTHER_TRAINING,
    "out_of_target_group": codes.CANCELLATION_NO_FURTHER_NEED_PROFESSIONAL,
    "no_progress": codes.CANCELLATION_NO_FURTHER_NEED_PROFESSIONAL,
}
CANCELLED_COURSE_REASON = codes.CANCELLATION_ACTIVE_OPT_OUT
# Course.delivery_type -> DeliveryTypes140.
DELIVERY_TYPE = {
    DeliveryType.INDIVIDUAL: codes.DELIVERY_INDIVIDUAL,
    DeliveryType.TEAM: codes.DELIVERY_GROUP,
    DeliveryType.DIGITAL: codes.DELIVERY_DIGITAL,
}
# Session.contact_type -> Encounter.class (v3 ActCode or the KL codes for screen and phone).
CONTACT_CLASS = {
    ContactType.CENTRE: (codes.ACT_CODE, "AMB", "ambulatory"),
    ContactType.HOME: (codes.ACT_CODE, "HH", "home health"),
    ContactType.VIDEO: (codes.CARE_SOCIAL, codes.ENCOUNTER_SCREEN, "Skærmbesøg"),
    ContactType.PHONE: (codes.CARE_SOCIAL, codes.ENCOUNTER_PHONE, "Telefonisk"),
}
# The course's training intervention (FSIII), from the profession of its therapist: the product
# records no intervention code on a course, and a physiotherapist's §140 training is exercise
# therapy, an occupational therapist's the training of daily functions. No therapist: physical.
PROFESSION_INTERVENTION = {
    Profession.PHYSIOTHERAPIST: PHYSICAL_TRAINING,
    Profession.OCCUPATIONAL_THERAPIST: FUNCTIONAL_TRAINING,
}

# The FSIII condition levels that mean a limitation the training addresses.
LIMITATION_LEVELS = frozenset({1, 2, 3, 4})
