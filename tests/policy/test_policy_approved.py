"""Approved records load beside the bundled policy data, validated like it; errors name the
file and the field; only the approved folder is read."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from clearance.errors import PolicyError
from clearance.policy.approved import policy_book
from clearance.policy.book import DATA_DIR, default_book

NEWS = "news: Commerce grants Huawei a new temporary licence, inline (art_0)"
RECORD = f"""\
authorizations:
  - id: news_0000000001
    title: licence for Huawei (from the news)
    citations: ["{NEWS}"]
    location: as reported in the news
    overrides: [bis_entity_list]
    parties: {{names: ['\\bHuawei\\b']}}
    windows: [{{from: 2020-08-17, to: 2020-12-31, citations: ["{NEWS}"]}}]
    paragraphs:
      - {{id: "(news 1)", title: networks, activities: [network_maintenance]}}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_absent_or_empty_folder_is_the_bundled_book(tmp_path: Path) -> None:
    assert policy_book(None) is default_book()
    assert policy_book(tmp_path / "approved") is default_book()


def test_approved_record_joins_the_book_and_a_new_file_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "approved"
    _write(folder, "draft_1.yaml", RECORD)
    book = policy_book(folder)
    added = next(a for a in book.authorizations if a.id == "news_0000000001")
    assert added.windows[0].contains(date(2020, 10, 1))
    assert "approved/draft_1.yaml" in book.files
    assert len(book.authorizations) == len(default_book().authorizations) + 1
    second = RECORD.replace("news_0000000001", "news_0000000002")
    path = _write(folder, "draft_2.yaml", second)
    os.utime(path, ns=(1, 1))
    assert len(policy_book(folder).authorizations) == len(book.authorizations) + 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            RECORD.replace("    location: as reported in the news\n", ""),
            "'authorizations.0.location'",
        ),
        (RECORD.replace("from: 2020-08-17", "from: soon"), "'authorizations.0.windows.0.from'"),
        (RECORD.replace(NEWS, "84 FR 23468"), "'authorizations.0.citations': an approved record"),
        (
            RECORD.replace("[bis_entity_list]", "[bis_entity_lst]"),
            "unknown measure 'bis_entity_lst'",
        ),
        (RECORD.replace("network_maintenance", "network_repair"), "network_repair"),
        (RECORD.replace("news_0000000001", "huawei_tgl"), "'authorizations.0.id'"),
        ((DATA_DIR / "measures_ofac_sdn.yaml").read_text(encoding="utf-8"), "'measures'"),
        ("authorizations: [", "not valid YAML"),
    ],
)
def test_bad_approved_file_names_the_file_and_field(
    tmp_path: Path, text: str, expected: str
) -> None:
    folder = tmp_path / "approved"
    _write(folder, "draft_bad.yaml", text)
    with pytest.raises(PolicyError) as info:
        policy_book(folder)
    assert "approved/draft_bad.yaml" in info.value.message
    assert expected in info.value.message


def test_drafts_beside_the_approved_folder_are_never_read(tmp_path: Path) -> None:
    _write(tmp_path / "drafts", "draft_1.yaml", RECORD)
    _write(tmp_path, "draft_2.yaml", RECORD)
    assert policy_book(tmp_path / "approved") is default_book()
