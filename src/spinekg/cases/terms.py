"""The words a case file may use for each kind of thing, mapped to ontology local names."""
from __future__ import annotations


def norm(text: str) -> str:
    """Lower-case a term and fold '_', '-' and repeated spaces to single spaces."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


IMPLANT_TYPES = {
    "pedicle screw": "PedicleScrew", "pedicular screw": "PedicleScrew",
    "lateral mass screw": "LateralMassScrew", "screw": "Screw",
    "set screw": "SetScrew", "nut": "SetScrew", "locking cap": "SetScrew",
    "rod": "Rod", "spinal rod": "Rod",
    "rod to rod connector": "RodToRodConnector", "domino connector": "RodToRodConnector",
    "domino": "RodToRodConnector", "connector": "RodToRodConnector", "rod connector": "RodToRodConnector",
    "parallel connector": "RodToRodConnector", "side to side connector": "RodToRodConnector",
    "interbody cage": "InterbodyCage", "cage": "InterbodyCage", "spacer": "InterbodyCage",
    "lateral interbody cage": "LateralInterbodyCage", "lateral cage": "LateralInterbodyCage",
    "llif cage": "LateralInterbodyCage", "xlif cage": "LateralInterbodyCage", "olif cage": "LateralInterbodyCage",
    "plate": "Plate",
    "spinal cord stimulator": "SpinalCordStimulator", "stimulator": "SpinalCordStimulator",
    "lead": "StimulatorLead", "stimulator lead": "StimulatorLead", "wire": "StimulatorLead",
    "electrode": "StimulatorLead",
    "pulse generator": "ImplantablePulseGenerator", "implantable pulse generator": "ImplantablePulseGenerator",
    "ipg": "ImplantablePulseGenerator",
    "transverse connector": "TransverseConnector", "crosslink": "TransverseConnector", "cross link": "TransverseConnector",
    "cross connector": "TransverseConnector", "hook": "Hook", "spinal hook": "Hook", "laminar hook": "Hook",
}
SCREW_TYPES = {"PedicleScrew", "LateralMassScrew", "Screw"}
SIDED_FUSION_TYPES = SCREW_TYPES | {"Rod", "RodToRodConnector"}
STIMULATOR_TYPES = {"SpinalCordStimulator", "StimulatorLead", "ImplantablePulseGenerator"}

SIDES = {"left": "Left", "right": "Right", "bilateral": "Bilateral", "both": "Bilateral", "midline": "Midline"}

DIRECTIONS = {
    "medial": "Medial", "lateral": "Lateral", "anterior": "Anterior", "posterior": "Posterior",
    "superior": "Superior", "inferior": "Inferior", "posteromedial": "Posteromedial",
    "posterolateral": "Posterolateral", "anteromedial": "Anteromedial", "anterolateral": "Anterolateral",
    "cranial": "Superior", "caudal": "Inferior",
}

STRUCTURES = {
    "vertebral body": "VertebralBody", "body": "VertebralBody", "pedicle": "Pedicle",
    "spinal canal": "SpinalCanal", "canal": "SpinalCanal", "vertebral canal": "SpinalCanal",
    "lamina": "Lamina", "lateral mass": "LateralMass",
    "posterior vertebral border": "PosteriorVertebralBorder", "posterior vertebral line": "PosteriorVertebralBorder",
    "posterior border of the vertebral body": "PosteriorVertebralBorder",
}

# Where a stimulator lead lies (LeadPositionFinding 'compartment'): individuals of skg:LeadCompartment.
COMPARTMENTS = {
    "dorsal epidural": "DorsalEpiduralCompartment", "dorsal epidural space": "DorsalEpiduralCompartment",
    "posterior epidural": "DorsalEpiduralCompartment", "posterior epidural space": "DorsalEpiduralCompartment",
    "ventral epidural": "VentralEpiduralCompartment", "ventral epidural space": "VentralEpiduralCompartment",
    "anterior epidural": "VentralEpiduralCompartment", "anterior epidural space": "VentralEpiduralCompartment",
    "intradural": "IntraduralCompartment", "intrathecal": "IntraduralCompartment",
    "outside the canal": "OutsideSpinalCanal", "outside the spinal canal": "OutsideSpinalCanal",
    "extraspinal": "OutsideSpinalCanal",
}

FINDING_TYPES = {
    "lucency": "PeriImplantLucency", "peri implant lucency": "PeriImplantLucency", "halo": "PeriImplantLucency",
    "screw position": "ScrewPositionFinding", "breach": "ScrewPositionFinding",
    "rod connector": "RodConnectorFinding", "rod subluxed": "RodConnectorFinding",
    "rod not secured": "RodConnectorFinding",
    "fracture": "ImplantFractureFinding", "implant fracture": "ImplantFractureFinding",
    "migration": "ImplantMigrationFinding", "backing out": "ImplantMigrationFinding",
    "disconnection": "ScrewRodDisconnectionFinding", "screw rod disconnection": "ScrewRodDisconnectionFinding",
    "subsidence": "ImplantSubsidenceFinding",
    "lead position": "LeadPositionFinding",
    "loosening": "ReportedLooseningFinding", "screw loosening": "ReportedLooseningFinding",
    "complication": "HardwareComplicationFinding", "hardware complication": "HardwareComplicationFinding",
    "hardware failure": "HardwareComplicationFinding",
    "locking failure": "LockingFailureFinding", "set screw disengagement": "LockingFailureFinding",
    "set screw loosening": "LockingFailureFinding",
    "proximal junctional angle": "ProximalJunctionalAngleFinding", "pja": "ProximalJunctionalAngleFinding",
    "distal junctional angle": "DistalJunctionalAngleFinding", "dja": "DistalJunctionalAngleFinding",
    "adjacent segment degeneration": "AdjacentSegmentDegenerationFinding",
    "adjacent segment disease": "AdjacentSegmentDegenerationFinding",
    "fluid collection": "FluidCollectionFinding", "endplate erosion": "EndplateErosionFinding",
}
# Findings that are about one implant (or an implant type); the others (angles, adjacent segments,
# collections, erosions) are about levels of the spine.
IMPLANT_FINDINGS = {"PeriImplantLucency", "ScrewPositionFinding", "ImplantFractureFinding", "ImplantMigrationFinding",
                    "ScrewRodDisconnectionFinding", "LockingFailureFinding", "RodConnectorFinding",
                    "LeadPositionFinding", "ImplantSubsidenceFinding", "ReportedLooseningFinding"}
# implant_type words that mean the construct as a whole rather than one kind of implant
WHOLE_CONSTRUCT = {"hardware", "instrumentation", "construct", "implants", "spinal hardware"}

STATUSES = {"affirmed": "Affirmed", "present": "Affirmed", "negated": "Negated", "absent": "Negated",
            "uncertain": "Uncertain", "possible": "Uncertain"}

MODALITIES = {"ct": "CT", "computed tomography": "CT", "radiograph": "Radiograph", "x ray": "Radiograph",
              "xray": "Radiograph", "radiography": "Radiograph", "plain film": "Radiograph",
              "mri": "MRI", "mr": "MRI", "magnetic resonance imaging": "MRI"}

SEXES = {"female": "Female", "f": "Female", "woman": "Female", "male": "Male", "m": "Male", "man": "Male",
         "other": "OtherSex"}

SYMPTOMS = {"neck pain": "NeckPain", "back pain": "BackPain", "low back pain": "BackPain",
            "radiculopathy": "Radiculopathy", "myelopathy": "Myelopathy",
            "difficulty holding head erect": "DifficultyHoldingHeadErect",
            "difficulty holding the head erect": "DifficultyHoldingHeadErect",
            "neurological deficit": "NeurologicalDeficit"}

RISK_FACTORS = {"smoking": "Smoking", "smoker": "Smoking", "diabetes": "Diabetes", "diabetes mellitus": "Diabetes",
                "osteoporosis": "Osteoporosis", "vitamin d deficiency": "VitaminDDeficiency",
                "long term steroids": "LongTermSteroids", "steroids": "LongTermSteroids",
                "alcohol misuse": "AlcoholMisuse", "alcohol abuse": "AlcoholMisuse"}

PROCEDURE_TYPES = {
    "posterior fusion": "PosteriorSpinalFusion", "posterior spinal fusion": "PosteriorSpinalFusion",
    "anterior fusion": "AnteriorSpinalFusion", "anterior spinal fusion": "AnteriorSpinalFusion",
    "fusion": "SpinalFusion", "spinal fusion": "SpinalFusion",
    "revision": "RevisionSurgery", "revision surgery": "RevisionSurgery",
    "incision and drainage": "IncisionAndDrainage", "debridement": "Debridement",
    "wound vac": "NegativePressureWoundTherapy", "negative pressure wound therapy": "NegativePressureWoundTherapy",
    "plastic surgery closure": "PlasticSurgeryClosure",
    "stimulator implantation": "StimulatorImplantation", "hardware removal": "HardwareRemoval",
    # a surgery the report counts time from without naming it ("one year after surgery")
    "surgery": "Procedure", "spine surgery": "Procedure", "spinal surgery": "Procedure",
}
FUSION_TYPES = {"PosteriorSpinalFusion", "AnteriorSpinalFusion", "SpinalFusion"}

CONDITIONS = {"wound complication": "WoundComplication", "poor wound healing": "WoundComplication",
              "surgical site infection": "SurgicalSiteInfection", "infection": "SurgicalSiteInfection"}

OUTCOMES = {"non union found at surgery": "NonUnionFoundAtSurgery", "nonunion found at surgery": "NonUnionFoundAtSurgery",
            "pain free at follow up": "PainFreeAtFollowUp", "pain free": "PainFreeAtFollowUp"}

LENGTH_UNITS = {"mm": 1.0, "millimetre": 1.0, "millimeter": 1.0, "millimetres": 1.0, "millimeters": 1.0,
                "cm": 10.0, "centimetre": 10.0, "centimeter": 10.0, "centimetres": 10.0, "centimeters": 10.0}
TIME_UNITS = {"day": "Day", "days": "Day", "week": "Week", "weeks": "Week", "month": "Month", "months": "Month",
              "mo": "Month", "year": "Year", "years": "Year", "yr": "Year", "yrs": "Year", "y": "Year"}

ANGLE_UNITS = {"deg", "degs", "degree", "degrees", "°"}
LEVEL_UNITS = {"level", "levels", "vertebral level", "vertebral levels"}
PERCENT_UNITS = {"%", "percent", "pct"}

# Plausible maxima (mm): values above these are typing errors, not findings.
MAX_MM = {"width": 20.0, "distance": 40.0}
MAX_ANGLE = 90.0      # a junctional Cobb angle beyond +-90 degrees is a typing error
MAX_LEVELS = 10.0     # a lead moving more than 10 vertebral levels is a typing error
