"""HL7 FHIR R4 in and out: a Bundle for one patient to a case, a case's conclusions to FHIR resources.

    from spinekg.fhir import bundle_text_to_case
    fc = bundle_text_to_case(open("bundle.json").read(), label="bundle.json")
    fc.case      # the case in the case format, each fact with its `record` (FHIR Resource/id)
    fc.loaded    # the validated case (format checks and SHACL), ready for KnowledgeGraph.load_cases
    fc.notes     # resources and codes set aside, with the reason

The codes understood are in `codes.tsv` (verified SNOMED CT, LOINC and DICOM codes, each with its
source) and spinekg's own code system `https://w3id.org/spinekg/` (the ontology's local names).
"""
from __future__ import annotations

from .to_case import FhirCase, bundle_text_to_case, bundle_to_case

__all__ = ["FhirCase", "bundle_text_to_case", "bundle_to_case"]
