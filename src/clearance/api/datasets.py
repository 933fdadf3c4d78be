"""Dataset names, as yente clients send them in /match/{dataset}, mapped to clearance's lists.

One table: a dataset is a set of list ids (`Listing.list_id`) or sources (`Entity.source`);
an entry ending in `*` is a prefix. `default` covers everything, as in yente.
"""

from __future__ import annotations

from dataclasses import dataclass

from clearance.errors import NotFoundError
from clearance.model import Entity


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    lists: tuple[str, ...]
    summary: str = ""
    url: str | None = None

    def contains(self, entity: Entity) -> bool:
        if "*" in self.lists:
            return True
        keys = {entity.source, *(listing.list_id for listing in entity.listings)}
        return any(_covers(pattern, key) for pattern in self.lists for key in keys)

    def children(self) -> list[str]:
        return [d.name for d in DATASETS.values() if d is not self and _nested(d, self)]


def _covers(pattern: str, key: str) -> bool:
    if pattern.endswith("*"):
        return key.startswith(pattern[:-1])
    return key == pattern


def _nested(inner: Dataset, outer: Dataset) -> bool:
    """Every list of `inner` is covered by `outer` (a prefix counts as its stem)."""
    if "*" in inner.lists:
        return False
    if "*" in outer.lists:
        return True
    return all(any(_covers(p, i.rstrip("*")) for p in outer.lists) for i in inner.lists)


_TABLE: tuple[Dataset, ...] = (
    Dataset("default", "All lists clearance holds", ("*",), "Every loaded source."),
    Dataset(
        "sanctions",
        "Sanctions and export-control lists",
        ("us_*", "un_*", "eu_*", "gb_*", "opensanctions*"),
    ),
    Dataset("us", "United States lists", ("us_*",), "OFAC and the Consolidated Screening List."),
    Dataset(
        "us_ofac_sdn",
        "OFAC Specially Designated Nationals",
        ("us_ofac_sdn",),
        url="https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists",
    ),
    Dataset(
        "us_ofac_ns_cmic",
        "OFAC Non-SDN Chinese Military-Industrial Complex Companies List",
        ("us_ofac_ns_cmic",),
        url="https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists",
    ),
    Dataset("us_ofac_cons", "OFAC consolidated non-SDN lists", ("us_ofac_cons", "us_ofac_ns_*")),
    Dataset(
        "us_bis_entity_list",
        "BIS Entity List (15 CFR 744, Supplement No. 4)",
        ("us_bis_entity_list",),
        url="https://www.bis.gov/entity-list",
    ),
    Dataset("us_bis_dpl", "BIS Denied Persons List", ("us_bis_dpl",)),
    Dataset("us_csl", "US Consolidated Screening List", ("us_csl", "us_bis_*", "us_state_*")),
    Dataset("un_sc", "UN Security Council Consolidated List", ("un_sc",)),
    Dataset("eu_fsf", "EU Financial Sanctions Files", ("eu_*",)),
)

DATASETS: dict[str, Dataset] = {d.name: d for d in _TABLE}


def get_dataset(name: str) -> Dataset:
    try:
        return DATASETS[name]
    except KeyError:
        known = ", ".join(DATASETS)
        raise NotFoundError(f"unknown dataset {name!r}; known datasets: {known}") from None


def entity_datasets(entity: Entity) -> list[str]:
    """The specific list names an entity is on, as yente's `datasets` field."""
    names = {listing.list_id for listing in entity.listings}
    return sorted(names or {entity.source})


# yente's `topics` filter: which FtM topics a list's entries carry (FtM `topics` vocabulary).
LIST_TOPICS: dict[str, tuple[str, ...]] = {
    "us_ofac_sdn": ("sanction",),
    "us_ofac_ns_cmic": ("sanction", "export.control"),
    "us_ofac_": ("sanction",),
    "us_bis_entity_list": ("export.control",),
    "us_bis_dpl": ("debarment", "export.control"),
    "us_bis_": ("export.control",),
    "us_state_": ("debarment",),
    "un_sc": ("sanction",),
    "eu_": ("sanction",),
    "gb_": ("sanction",),
}


def entity_topics(entity: Entity) -> set[str]:
    """Topics of an entity's lists: the exact list id first, else the longest known prefix."""
    topics: set[str] = set()
    for list_id in entity_datasets(entity):
        match = LIST_TOPICS.get(list_id)
        if match is None:
            prefixes = [p for p in LIST_TOPICS if p.endswith("_") and list_id.startswith(p)]
            match = LIST_TOPICS[max(prefixes, key=len)] if prefixes else ()
        topics.update(match)
    return topics
