"""The one table from what a publication calls a list (or program) to clearance's list ids.

List ids are the stable names the policy layer attaches measures to (`us_bis_entity_list`,
`us_ofac_ns_cmic`, ...); see `clearance.model.Listing`.
"""

from __future__ import annotations

from clearance.errors import InputError

# The `source` column of the trade.gov Consolidated Screening List (13 lists).
CSL_SOURCE_LISTS: dict[str, str] = {
    "Entity List (EL) - Bureau of Industry and Security": "us_bis_entity_list",
    "Specially Designated Nationals (SDN) - Treasury Department": "us_ofac_sdn",
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": (
        "us_ofac_ns_cmic"
    ),
    "Denied Persons List (DPL) - Bureau of Industry and Security": "us_bis_dpl",
    "Military End User (MEU) List - Bureau of Industry and Security": "us_bis_meu",
    "Unverified List (UVL) - Bureau of Industry and Security": "us_bis_uvl",
    "Nonproliferation Sanctions (ISN) - State Department": "us_state_isn",
    "ITAR Debarred (DTC) - State Department": "us_state_itar_debarred",
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": "us_ofac_ssi",
    "Palestinian Legislative Council List (PLC) - Treasury Department": "us_ofac_ns_plc",
    "Capta List (CAP) - Treasury Department": "us_ofac_capta",
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": "us_ofac_ns_mbs",
    "Foreign Sanctions Evaders (FSE) - Treasury Department": "us_ofac_fse",
}

# OFAC's non-SDN (consolidated) lists are told apart by program tag.
OFAC_NON_SDN_PROGRAM_LISTS: dict[str, str] = {
    "CMIC-EO13959": "us_ofac_ns_cmic",  # EO 13959 as amended by EO 14032
    "NS-CMIC-EO13959": "us_ofac_ns_cmic",
    "UKRAINE-EO13662": "us_ofac_ssi",  # Sectoral Sanctions Identifications, EO 13662 directives
    "NS-PLC": "us_ofac_ns_plc",
    "FSE-IR": "us_ofac_fse",
    "FSE-SY": "us_ofac_fse",
    "FSE-WMD": "us_ofac_fse",
    "FSE-SDGT": "us_ofac_fse",
    "CAPTA": "us_ofac_capta",
    "NS-MBS": "us_ofac_ns_mbs",
    # Menu-based sanctions imposed under these authorities appear on the NS-MBS list
    # (e.g. EO 14024 directives 3 and 4, CAATSA section 235, Burma EO 14014).
    "RUSSIA-EO14024": "us_ofac_ns_mbs",
    "CAATSA - RUSSIA": "us_ofac_ns_mbs",
    "561-Related": "us_ofac_ns_mbs",
    "BURMA-EO14014": "us_ofac_ns_mbs",
    "ILLICIT-DRUGS-EO14059": "us_ofac_ns_mbs",
    "IRAN-CON-ARMS-EO": "us_ofac_ns_mbs",
    "VENEZUELA-EO13850": "us_ofac_ns_mbs",
    "SDGT": "us_ofac_ns_mbs",
}

OFAC_NON_SDN_TITLES: dict[str, str] = {
    "us_ofac_ns_cmic": "Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)",
    "us_ofac_ssi": "Sectoral Sanctions Identifications List (SSI)",
    "us_ofac_ns_plc": "Non-SDN Palestinian Legislative Council List (NS-PLC)",
    "us_ofac_fse": "Foreign Sanctions Evaders List (FSE)",
    "us_ofac_capta": "List of Foreign Financial Institutions Subject to CAPTA",
    "us_ofac_ns_mbs": "Non-SDN Menu-Based Sanctions List (NS-MBS)",
}

NON_SDN_TITLE = "OFAC Consolidated (non-SDN) List"
SDN_TITLE = "Specially Designated Nationals and Blocked Persons List (SDN)"


def csl_list_id(source: str, path: object, line: int) -> str:
    try:
        return CSL_SOURCE_LISTS[source.strip()]
    except KeyError:
        known = "; ".join(CSL_SOURCE_LISTS)
        raise InputError(
            f"unknown list {source.strip()!r}; expected one of: {known}",
            file=str(path),
            line=line,
            field="source",
        ) from None


def ofac_non_sdn_lists(programs: list[str]) -> list[str]:
    """The non-SDN list ids of an entry of OFAC's consolidated list, in program order.

    Programs that only co-occur with a list-defining tag (e.g. SDGT beside NS-PLC) add
    nothing; an entry whose programs are all unknown keeps the generic id so it is never lost.
    """
    primary = [OFAC_NON_SDN_PROGRAM_LISTS[p] for p in programs if p in _DEFINING]
    found = primary or [
        OFAC_NON_SDN_PROGRAM_LISTS[p] for p in programs if p in OFAC_NON_SDN_PROGRAM_LISTS
    ]
    out: list[str] = []
    for list_id in found or ["us_ofac_non_sdn"]:
        if list_id not in out:
            out.append(list_id)
    return out


# Program tags that name a non-SDN list by themselves.
_DEFINING = frozenset(
    {"CMIC-EO13959", "NS-CMIC-EO13959", "UKRAINE-EO13662", "NS-PLC", "CAPTA", "NS-MBS"}
    | {p for p in OFAC_NON_SDN_PROGRAM_LISTS if p.startswith("FSE-")}
)
