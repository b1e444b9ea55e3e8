"""MedCom GOP (genoptræningsplan) messages: parse hospital plans into plain data.

Pure Python (no Django): the importer in the web application and the command line call
`parse_gop` and store the result.
"""

from rehabplan.gop.model import (
    PLAN_TYPES,
    AmbulatoryControl,
    Diagnosis,
    GopParty,
    GopPatient,
    GopProblem,
    GopReference,
    GopRejected,
    GopSender,
    GopSigner,
    IcfClassification,
    JournalExcerpt,
    ParsedGop,
    Phone,
    ReceivingMunicipality,
)
from rehabplan.gop.parser import parse_gop

__all__ = [
    "PLAN_TYPES",
    "AmbulatoryControl",
    "Diagnosis",
    "GopParty",
    "GopPatient",
    "GopProblem",
    "GopReference",
    "GopRejected",
    "GopSender",
    "GopSigner",
    "IcfClassification",
    "JournalExcerpt",
    "ParsedGop",
    "Phone",
    "ReceivingMunicipality",
    "parse_gop",
]
