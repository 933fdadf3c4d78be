"""Adverse-media throughput and gazetteer cost, on the full bundled lists.

    .venv/bin/python bench/media.py [--articles 300]

Reports: gazetteer build time, key count and memory (tracemalloc peak, RSS growth); articles
per second reading a batch made of the two shared articles with the party names varied
(listed brands, unlisted companies); and, as the in-process baseline, the same gazetteer lookup
done naively (every key searched with `str.find`), reported as a speed ratio.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from datetime import date
from pathlib import Path

from clearance.media.build import build_gazetteer, build_reader
from clearance.media.extract import article_from_bytes
from clearance.media.textnorm import normalise_text
from clearance.media.types import Article
from clearance.model import Entity
from clearance.sources.bundled import bundled_path, bundled_sources

SHARED_MEDIA = Path(__file__).resolve().parents[2] / "shared" / "data" / "media"
SEED = 7
LISTED_BRANDS = ["Huawei", "Hikvision", "Rosneft", "Sberbank", "Dahua", "Hytera"]
UNLISTED = ["Xiaomi", "Lenovo", "Oppo", "Vivo", "Tencent", "Alibaba"]


def _bundled_entities() -> list[Entity]:
    entities: list[Entity] = []
    for spec in bundled_sources():
        entities.extend(spec.reader(bundled_path(spec)))
    return entities


def _batch(n: int) -> list[Article]:
    rng = random.Random(SEED)
    sources = [
        (SHARED_MEDIA / "000_9d038b8ba45bdc54.txt", date(2019, 5, 21)),
        (SHARED_MEDIA / "003_60363836fb19ad9f.txt", date(2021, 3, 13)),
    ]
    texts = [(p.read_text(encoding="utf-8"), d) for p, d in sources]
    out: list[Article] = []
    for index in range(n):
        text, published = texts[index % len(texts)]
        text = text.replace("Huawei", rng.choice(LISTED_BRANDS)).replace(
            "Xiaomi", rng.choice(UNLISTED)
        )
        out.append(article_from_bytes(text.encode(), f"batch-{index}", published=published))
    return out


def _naive_find(keys: list[str], text: str) -> int:
    normalised = normalise_text(text).text
    return sum(1 for key in keys if f" {key} " in normalised or key in normalised)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--baseline-articles", type=int, default=10)
    args = parser.parse_args()

    started = time.perf_counter()
    entities = _bundled_entities()
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gazetteer = build_gazetteer(entities)
    build_s = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # A second build under tracemalloc, which slows it several times: memory only.
    tracemalloc.start()
    build_gazetteer(entities)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"entities (bundled lists): {len(entities)} read in {read_s:.1f}s")
    print(f"gazetteer: {len(gazetteer)} keys, built in {build_s:.2f}s")
    rss = (rss_after - rss_before) / 1024
    print(f"gazetteer memory: tracemalloc peak {peak / 2**20:.0f} MiB, RSS growth {rss:.0f} MiB")

    reader = build_reader(gazetteer, None)
    batch = _batch(args.articles)
    started = time.perf_counter()
    events = sum(len(reader.read(article).events) for article in batch)
    read_all = time.perf_counter() - started
    print(
        f"read {len(batch)} articles in {read_all:.2f}s: "
        f"{len(batch) / read_all:.1f} articles/s, {events} events"
    )

    sample = batch[: args.baseline_articles]
    started = time.perf_counter()
    for article in sample:
        gazetteer.find(article.text)
    fast = (time.perf_counter() - started) / len(sample)
    keys = list(gazetteer.keys)
    started = time.perf_counter()
    for article in sample:
        _naive_find(keys, article.text)
    naive = (time.perf_counter() - started) / len(sample)
    print(
        f"gazetteer lookup per article: automaton {fast * 1000:.2f} ms, "
        f"naive str search {naive * 1000:.1f} ms, ratio {naive / fast:.0f}x"
    )


if __name__ == "__main__":
    main()
