"""What OFAC says about an entry in labelled facts, shared by the CSV remarks, the XML idList
and the CSL `ids` column: identifier labels to FtM properties, and the NS-CMIC dates.

OFAC's legacy CSV has no identifier columns: everything is in `Remarks` as
"DOB 03 Sep 1963; POB Taizhou, China; Passport G12345 (China); a.k.a. 'X'." The XML and the
CSL carry the same labels in structured form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clearance.sources.dates import parse_ofac, partial_dates

# Identifier labels as OFAC publishes them -> FtM property.
IDENTIFIER_LABELS: dict[str, str] = {
    "Passport": "passportNumber",
    "Diplomatic Passport": "passportNumber",
    "National ID No.": "idNumber",
    "Identification Number": "idNumber",
    "Cedula No.": "idNumber",
    "C.U.R.P.": "idNumber",
    "D.N.I.": "idNumber",
    "Birth Certificate Number": "idNumber",
    "Driver's License No.": "idNumber",
    "SSN": "idNumber",
    "Tax ID No.": "taxNumber",
    "R.F.C.": "taxNumber",
    "NIT #": "taxNumber",
    "RUC #": "taxNumber",
    "V.A.T. Number": "vatCode",
    "Registration Number": "registrationNumber",
    "Registration ID": "registrationNumber",
    "Business Registration Number": "registrationNumber",
    "Business Registration Document #": "registrationNumber",
    "Company Number": "registrationNumber",
    "Commercial Registry Number": "registrationNumber",
    "Government Gazette Number": "registrationNumber",
    "Chamber of Commerce Number": "registrationNumber",
    "Trade License No.": "registrationNumber",
    "Folio Mercantil No.": "registrationNumber",
    "Matricula Mercantil No": "registrationNumber",
    "C.R. No.": "registrationNumber",
    "Central Registration System Number": "registrationNumber",
    "Economic Register Number (CBLS)": "registrationNumber",
    "Istanbul Chamber of Comm. No.": "registrationNumber",
    "D-U-N-S Number": "dunsCode",
    "Unified Social Credit Code (USCC)": "uscCode",
    "Legal Entity Number": "leiCode",
    "SWIFT/BIC": "swiftBic",
    "BIK (RU)": "bikCode",
    "ISIN": "isinCode",
    "IMO": "imoNumber",
    "Vessel Registration Identification": "imoNumber",
    "MMSI": "mmsi",
    "Aircraft Tail Number": "registrationNumber",
    "Aircraft Manufacturer's Serial Number (MSN)": "serialNumber",
    "Aircraft Model": "model",
    "Aircraft Operator": "operator",
    "Website": "website",
    "Email Address": "email",
    "Phone Number": "phone",
    "Organization Established Date": "incorporationDate",
    "Gender": "gender",
    "Nationality of Registration": "country",
}

# NS-CMIC dates (31 CFR 586; EO 13959 as amended by EO 14032): the effective date of the
# purchase prohibition, the end of the divestment window and the listing date.
CMIC_DATE_LABELS: dict[str, str] = {
    "Effective Date (CMIC)": "effective",
    "Purchase/Sales For Divestment Date (CMIC)": "divestment",
    "Listing Date (CMIC)": "listing",
}

# Remarks facts without an identifier number.
PERSON_LABELS: dict[str, str] = {
    "DOB": "birthDate",
    "POB": "birthPlace",
    "nationality": "nationality",
    "citizen": "citizenship",
}
ALIAS_LABELS: dict[str, str] = {
    # In the legacy CSV, strong aliases are in alt.csv and OFAC's *weak* a.k.a.s are left in
    # the remarks; a weak alias is too short or generic to block on by itself.
    "a.k.a.": "weakAlias",
    "n.k.a.": "weakAlias",
    "f.k.a.": "previousName",
}

_LABELS = sorted(
    [*IDENTIFIER_LABELS, *CMIC_DATE_LABELS, *PERSON_LABELS, *ALIAS_LABELS], key=len, reverse=True
)
_FACT = re.compile(
    r"^(?:alt\.\s+)?(?P<label>" + "|".join(re.escape(label) for label in _LABELS) + r")"
    r":?,?\s+(?P<value>.+)$",
    re.DOTALL,
)
_COUNTRY_SUFFIX = re.compile(r"\s+\(([^()]*)\)\s*$")
_QUOTED = re.compile(r"^'(.*)'$", re.DOTALL)


@dataclass
class Facts:
    """Properties and structured listing dates found in an entry's labelled facts."""

    properties: dict[str, list[str]] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)

    def add(self, prop: str, value: str) -> None:
        value = " ".join(value.split())
        if value:
            bucket = self.properties.setdefault(prop, [])
            if value not in bucket:
                bucket.append(value)


def identifier_value(value: str) -> str:
    """`G12345 (China) expires 2020` -> `G12345`; `IMO 8898831` -> `8898831`."""
    value = value.strip().rstrip(".")
    value = re.split(r"\s+(?:issued|expires)\b", value, maxsplit=1)[0]
    value = _COUNTRY_SUFFIX.sub("", value)
    return re.sub(r"^IMO\s+", "", value).strip()


def add_fact(
    facts: Facts, label: str, value: str, path: Path, line: int | None, field_name: str
) -> bool:
    """Record one labelled fact; False when the label is not one clearance extracts."""
    label = label.strip().rstrip(":").strip()
    if label in CMIC_DATE_LABELS:
        facts.dates[CMIC_DATE_LABELS[label]] = parse_ofac(
            value.strip().rstrip("."), path, line, field_name
        )
        return True
    if label in IDENTIFIER_LABELS:
        prop = IDENTIFIER_LABELS[label]
        if prop == "gender":
            facts.add(prop, value.strip().rstrip(".").lower())
        elif prop == "incorporationDate":
            facts.add(prop, " ".join(partial_dates(value)) or value)
        else:
            facts.add(prop, identifier_value(value))
        return True
    if label in PERSON_LABELS:
        prop = PERSON_LABELS[label]
        if prop == "birthDate":
            for parsed in partial_dates(value):
                facts.add(prop, parsed)
        else:
            facts.add(prop, value.strip().rstrip("."))
        return True
    if label in ALIAS_LABELS:
        text = value.strip().rstrip(".")
        quoted = _QUOTED.match(text)
        facts.add(ALIAS_LABELS[label], quoted.group(1) if quoted else text)
        return True
    return False


def parse_remarks(remarks: str, path: Path, line: int | None, field_name: str) -> Facts:
    """Facts from an OFAC remarks string ("DOB 1962; POB Shati, Gaza; Passport …")."""
    facts = Facts()
    for part in re.split(r";\s+", remarks.strip().rstrip(".")):
        match = _FACT.match(part.strip())
        if match:
            add_fact(facts, match.group("label"), match.group("value"), path, line, field_name)
    return facts
