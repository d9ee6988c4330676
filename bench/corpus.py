"""Write a SYNTHETIC corpus of realistic-sized reports for the ingest benchmark.

    python bench/corpus.py OUT_DIR [--docs 20000] [--seed 7]

Each report (2-8 kB of text) is stitched from sentences of the bundled demo corpus (itself
invented): sentences drawn from several demo reports, with their figures, years and place
names varied (numbers rescaled, years moved, department and district names swapped for
others from the gazetteer), under a header that says it is synthetic. So the extractor meets
the same kind of prose, places, figures and dates as in real reports, every file is
different, and nothing in it is a real report.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from pukara.extract.text import split_sentences
from pukara.ingest import iter_files, read_path
from pukara.model import Document, PlaceKind
from pukara.refdata.gazetteer import load_gazetteer

DEMO = Path(__file__).resolve().parents[1] / "pukara" / "demo" / "corpus" / "reports"
_NUMBER = re.compile(r"\b\d[\d.,]*\b")
_YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")


def _sentences() -> tuple[list[str], list[str]]:
    """Demo sentences by language (en, es)."""
    found: dict[str, list[str]] = {"en": [], "es": []}
    for path in iter_files([DEMO]):
        for record in read_path(path):
            if isinstance(record, Document):
                lang = "es" if "/es/" in str(path) else "en"
                found[lang] += [s.text for s in split_sentences(record.text) if len(s.text) > 40]
    return found["en"], found["es"]


def _places() -> list[str]:
    gaz = load_gazetteer()
    kinds = {PlaceKind.REGION, PlaceKind.PROVINCE, PlaceKind.DISTRICT}
    return sorted({e.place.name for e in gaz.entries.values()
                   if e.place.country == "PE" and e.place.kind in kinds})  # fmt: skip


def _vary(sentence: str, rng: random.Random, names: list[str], swap: list[str]) -> str:
    sentence = _YEAR.sub(lambda m: str(rng.randint(2005, 2026)), sentence)
    sentence = _NUMBER.sub(
        lambda m: m.group() if _YEAR.fullmatch(m.group()) else f"{rng.randint(2, 9000):,}",
        sentence,
    )
    for name in swap:
        if name in sentence:
            sentence = sentence.replace(name, rng.choice(names))
    return sentence


def generate(out: Path, docs: int, seed: int = 7) -> list[Path]:
    """Write ``docs`` synthetic reports into ``out``; returns their paths."""
    rng = random.Random(seed)
    en, es = _sentences()
    names = _places()
    swap = [n for n in names if len(n) > 5][:400]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(docs):
        lang, pool = ("es", es) if rng.random() < 0.5 else ("en", en)
        size = rng.randint(2000, 8000)
        year, month, day = rng.randint(2008, 2026), rng.randint(1, 12), rng.randint(1, 28)
        parts = [f"[SYNTHETIC BENCHMARK REPORT {i}] {rng.choice(pool)[:80]}",
                 f"Date: {year}-{month:02d}-{day:02d}", f"Source: Synthetic Wire {i % 40}", ""]  # fmt: skip
        body = []
        while sum(len(s) + 1 for s in body) < size:
            body.append(_vary(rng.choice(pool), rng, names, swap))
        parts += [" ".join(body[k : k + 4]) for k in range(0, len(body), 4)]
        path = out / f"{i:06d}_{lang}.txt"
        path.write_text("\n\n".join(parts) + "\n", "utf-8")
        paths.append(path)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = generate(args.out, args.docs, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths):,} SYNTHETIC reports, {size / len(paths) / 1000:.1f} kB on average")
    return 0


if __name__ == "__main__":
    sys.exit(main())
