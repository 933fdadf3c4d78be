"""Quality of the screener against nomenklatura's logic-v2 and ofac scorers, in one process, on
the same queries and the same candidates (the screener's candidate generation):

1. recall on the UN positives (row i of the treated file is a damaged form of row i of the
   untreated one): the true UN entity ranked first, and scored at or above the threshold;
2. false-positive rate at the threshold on synthetic US persons and on SEC company names
   (the SEC hits are printed for review: a few Chinese issuers are really listed);
3. leave-one-out on the lists' own aliases (CSL and UN): one alias of an entity is held out
   of the index and queried; the entity (or a duplicate row bearing that very name) must be
   first and at or above the threshold;
4. cross-script pairs of one person (rigour's persons.txt): recall at the threshold, and the
   false-positive rate on pairs of two different persons.

    .venv/bin/python bench/match_quality.py [--sample 1000] [--threshold 0.7]
    .venv/bin/python bench/match_quality.py --sets 2 --persons 10000   # set 2 alone
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))

from match_data import RAW, SEED, bundled_entities, ftm_proxy, query_proxy

from clearance.match import Query, Screener, compare
from clearance.match.screener import CANDIDATES
from clearance.model import Entity, Schema
from clearance.names import normalise_name
from clearance.settings import Settings

POSITIVES = RAW / "name_matching/yente_candidate_generation"
PERSONS = RAW / "negatives/yente_synthetic_persons/negatives_us.csv"
SEC = RAW / "negatives/sec_company_tickers/company_tickers.json"
CROSS = RAW / "name_matching/rigour_person_names/persons.txt"
SCORERS = ("clearance", "logic-v2", "ofac")

# A scorer: (query name, query schema, candidates) -> one score per candidate.
Scorer = Callable[[str, str, Sequence[Entity]], list[float]]


def nomenklatura_scorer(name: str) -> Scorer:
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algorithm = get_algorithm(name)
    assert algorithm is not None
    config = ScoringConfig.defaults()
    proxies: dict[str, object] = {}

    def score(query: str, schema: str, candidates: Sequence[Entity]) -> list[float]:
        q = query_proxy(query, schema)
        out = []
        for entity in candidates:
            # Held-out entities differ from the full ones under the same id (nomenklatura
            # caches by id): the key and the proxy id carry the names.
            key = f"{entity.id}#{hash(tuple(entity.names))}"
            proxy = proxies.get(key)
            if proxy is None:
                proxy = proxies[key] = ftm_proxy(entity)
                proxy.id = key  # type: ignore[attr-defined]
            out.append(float(algorithm.compare(q, proxy, config).score))  # type: ignore[arg-type]
        return out

    return score


@dataclass
class Tally:
    """Counts per scorer: first (true entity ranked first), hit (at or above threshold)."""

    total: int = 0
    first: Counter[str] = field(default_factory=Counter)
    hit: Counter[str] = field(default_factory=Counter)

    def line(self, label: str, what: str) -> str:
        parts = [f"{label} (n={self.total}):"]
        for s in SCORERS:
            first = f"first {self.first[s] / self.total:.1%}, " if self.first else ""
            # The count beside the rate: at 0.7% of 10,000, a rate hides a difference of 30.
            rate = f"{self.hit[s] / self.total:.1%} ({self.hit[s]})"
            parts.append(f"{s} {first}{what} {rate}")
        return "  ".join(parts)


class Bench:
    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.scorers: dict[str, Scorer] = {n: nomenklatura_scorer(n) for n in SCORERS[1:]}

    def run(self, screener: Screener, query: str, schema: Schema) -> tuple[list[Entity], dict]:
        """Candidates of the query, and each scorer's scores for them (clearance's own scores
        come from `match`, i.e. with its candidate generation and schema filter)."""
        results = screener.match(
            Query((query,), schema), threshold=self.threshold, limit=CANDIDATES
        )
        entities = [m.entity for m in results]
        scores = {"clearance": [m.score for m in results]}
        for name, scorer in self.scorers.items():
            scores[name] = scorer(query, str(schema), entities)
        return entities, scores


def ranked_first(
    entities: list[Entity], scores: list[float], is_true: Callable[[Entity], bool]
) -> bool:
    """The true entity's score is the highest (ties count against it, except with a
    duplicate row that is itself a true answer)."""
    if not entities:
        return False
    best = max(scores)
    if best <= 0:
        return False
    top = [e for e, s in zip(entities, scores, strict=True) if s == best]
    return all(is_true(e) for e in top)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def name_key(name: str) -> tuple[str, ...]:
    return tuple(sorted(normalise_name(name, False).tokens))


def bench_un_recall(bench: Bench, un: list[Entity]) -> None:
    screener = Screener.build(un)
    by_name: dict[tuple[str, ...], set[str]] = {}
    for entity in un:
        for name in entity.names:
            by_name.setdefault(name_key(name), set()).add(entity.id)
    treated = read_csv(POSITIVES / "positives_un_treated.csv")
    untreated = read_csv(POSITIVES / "positives_un_untreated.csv")
    tally, unresolved = Tally(), 0
    misses: list[str] = []
    for damaged, clean in zip(treated, untreated, strict=True):
        truth = by_name.get(name_key(clean["full_name"]), set())
        if len(truth) != 1:
            unresolved += 1
            continue
        tally.total += 1
        entities, scores = bench.run(screener, damaged["full_name"], Schema.PERSON)
        for s in SCORERS:
            truth_scores = [x for e, x in zip(entities, scores[s], strict=True) if e.id in truth]
            tally.first[s] += ranked_first(entities, scores[s], lambda e, t=truth: e.id in t)
            tally.hit[s] += bool(truth_scores) and truth_scores[0] >= bench.threshold
        if not (entities and entities[0].id in truth and scores["clearance"][0] >= bench.threshold):
            misses.append(f"{damaged['full_name']!r} (listed as {clean['full_name']!r})")
    print(tally.line("1. UN positives", "recall"))
    print(f"   ({unresolved} rows not resolved to exactly one UN entity, skipped)")
    for miss in misses[:8]:
        print(f"   clearance miss: {miss}")


def bench_negatives(bench: Bench, screener: Screener, sample: int, persons_sample: int) -> None:
    rng = random.Random(SEED)
    persons = [r["full_name"] for r in read_csv(PERSONS)]
    companies = sorted({c["title"] for c in orjson.loads(SEC.read_bytes()).values()})
    person_names = rng.sample(persons, persons_sample)
    for label, names, schema in (
        ("2a. synthetic US persons", person_names, Schema.PERSON),
        ("2b. SEC company names", rng.sample(companies, sample), Schema.COMPANY),
    ):
        tally = Tally(total=len(names))
        hits: list[str] = []
        for name in names:
            entities, scores = bench.run(screener, name, schema)
            for s in SCORERS:
                tally.hit[s] += max(scores[s], default=0.0) >= bench.threshold
            if scores["clearance"] and scores["clearance"][0] >= bench.threshold:
                hits.append(f"{name!r} → {entities[0].caption!r} {scores['clearance'][0]:.2f}")
        print(tally.line(label, "false-positive rate"))
        for hit in hits[:12]:
            print(f"   clearance hit: {hit}")


def held_out(entities: list[Entity], sample: int, rng: random.Random) -> list[tuple[Entity, str]]:
    """A sample of entities with two or more distinct names, each with one name held out
    (removed from the entity the index sees)."""
    eligible = [e for e in entities if len({name_key(n) for n in e.names}) >= 2]
    chosen = rng.sample(eligible, min(sample, len(eligible)))
    out = []
    for entity in chosen:
        name = rng.choice(sorted(entity.names))
        out.append((entity, name))
    return out


def without_name(entity: Entity, name: str) -> Entity:
    data = entity.to_dict()
    props = data["properties"]
    for prop in ("name", "alias", "weakAlias", "previousName"):
        if prop in props:
            props[prop] = [v for v in props[prop] if v != name]
    return Entity.from_dict(data)


def bench_leave_one_out(bench: Bench, lists: dict[str, list[Entity]], sample: int) -> None:
    rng = random.Random(SEED)
    for label, entities in lists.items():
        probes = held_out(entities, sample, rng)
        reduced = {e.id: without_name(e, n) for e, n in probes}
        screener = Screener.build([reduced.get(e.id, e) for e in entities])
        tally = Tally(total=len(probes))
        misses = []
        for entity, name in probes:
            truth = {entity.id}
            found, scores = bench.run(screener, name, entity.schema)

            def is_true(e: Entity, name: str = name, truth: set[str] = truth) -> bool:
                return e.id in truth or name in e.names  # a duplicate row of the same party

            for s in SCORERS:
                first = ranked_first(found, scores[s], is_true)
                tally.first[s] += first
                tally.hit[s] += first and max(scores[s]) >= bench.threshold
            if not (found and is_true(found[0]) and scores["clearance"][0] >= bench.threshold):
                misses.append(f"{name!r} of {reduced[entity.id].caption!r}")
        print(tally.line(f"3. leave-one-out {label}", "first and above threshold"))
        for miss in misses[:6]:
            print(f"   clearance miss: {miss}")


def cross_script_groups() -> list[list[str]]:
    groups = []
    with CROSS.open(encoding="utf-8") as handle:
        for line in handle:
            if "=>" not in line:
                continue
            names = [n.strip() for n in line.split("=>")[0].split(",") if n.strip()]
            latin = [n for n in names if normalise_name(n).scripts <= {"Latin"}]
            other = [n for n in names if not normalise_name(n).scripts <= {"Latin"}]
            if latin and other:
                groups.append(names)
    return groups


def bench_cross_script(bench: Bench, sample: int) -> None:
    rng = random.Random(SEED)
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    config = ScoringConfig.defaults()
    algorithms = {n: get_algorithm(n) for n in SCORERS[1:]}
    groups = rng.sample(cross_script_groups(), sample)

    def scores(a: str, b: str) -> dict[str, float]:
        out = {"clearance": compare(a, b, "Person").score}
        qa, qb = query_proxy(a), query_proxy(b)
        for name, algorithm in algorithms.items():
            out[name] = float(algorithm.compare(qa, qb, config).score)  # type: ignore[union-attr]
        return out

    positives, negatives = Tally(), Tally()
    by_script: dict[str, Tally] = {}
    for i, names in enumerate(groups):
        latin = [n for n in names if normalise_name(n).scripts <= {"Latin"}]
        other = [n for n in names if not normalise_name(n).scripts <= {"Latin"}]
        a, b = rng.choice(latin), rng.choice(other)
        script = "/".join(sorted(normalise_name(b).scripts - {"Latin"})) or "?"
        tally = by_script.setdefault(script, Tally())
        pair = scores(a, b)
        positives.total += 1
        tally.total += 1
        for s in SCORERS:
            positives.hit[s] += pair[s] >= bench.threshold
            tally.hit[s] += pair[s] >= bench.threshold
        stranger = groups[(i + 1 + rng.randrange(len(groups) - 1)) % len(groups)]
        wrong = scores(rng.choice(stranger), b)
        negatives.total += 1
        for s in SCORERS:
            negatives.hit[s] += wrong[s] >= bench.threshold
    print(positives.line("4. cross-script same person", "recall"))
    for script, tally in sorted(by_script.items(), key=lambda kv: -kv[1].total)[:6]:
        print("   " + tally.line(script, "recall"))
    print(negatives.line("4. cross-script different persons", "false-positive rate"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1000, help="queries per negative set")
    parser.add_argument("--threshold", type=float, default=Settings.from_env().match_threshold)
    parser.add_argument(
        "--loo", type=int, default=None, help="held-out aliases per list (default: sample / 2)"
    )
    parser.add_argument(
        "--persons", type=int, default=None, help="synthetic persons (set 2a; default: sample)"
    )
    parser.add_argument(
        "--sets", default="1234", help="which sets to run, e.g. 2 for the negatives only"
    )
    args = parser.parse_args()
    bench = Bench(args.threshold)
    started = time.perf_counter()
    entities = bundled_entities()
    print(f"threshold {args.threshold}; {len(entities)} bundled entities; seed {SEED}")
    un = [e for e in entities if e.id.startswith("un_sc")]
    if "1" in args.sets:
        bench_un_recall(bench, un)
    if "2" in args.sets:
        screener = Screener.build(entities)
        bench_negatives(bench, screener, args.sample, args.persons or args.sample)
    csl = [e for e in entities if e.id.startswith("us_csl")]
    if "3" in args.sets:
        bench_leave_one_out(bench, {"CSL": csl, "UN": un}, args.loo or args.sample // 2)
    if "4" in args.sets:
        bench_cross_script(bench, args.sample)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
