"""MinHash signatures and LSH bands for near-duplicate documents.

A syndicated copy of an article differs from the original in a headline, a byline or a
leftover menu line; its word 5-gram shingles still overlap heavily. We keep a 128-value
MinHash per document and index it in 32 bands of 4 rows: two documents that share a band
bucket are compared, and an estimated Jaccard similarity of ``THRESHOLD`` or more marks the
later one as a copy. Only hashing, no I/O: the store keeps the tables.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import numpy.typing as npt

from pukara.model.textnorm import fold_chars

__all__ = ["BANDS", "ROWS", "THRESHOLD", "band_buckets", "minhash", "similarity"]

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.5
SHINGLE = 5

# Fixed masks so that signatures are comparable across runs and machines.
_MASKS = np.random.default_rng(20241120).integers(
    0, np.iinfo(np.uint64).max, size=PERMUTATIONS, dtype=np.uint64
)
_MIX = np.uint64(0x9E3779B97F4A7C15)


_WORDS = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(fold_chars(text))


def minhash(text: str) -> npt.NDArray[np.uint64]:
    """128 minimum hash values over the text's word 5-grams."""
    words = _words(text)
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
            for g in grams
        ),
        dtype=np.uint64,
        count=len(grams),
    )
    # xor with a mask then multiply-mix: a cheap family of 64-bit hash permutations
    with np.errstate(over="ignore"):
        mixed = (hashes[:, None] ^ _MASKS[None, :]) * _MIX
    return np.asarray(mixed.min(axis=0), dtype=np.uint64)


def similarity(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.mean(a == b))


def band_buckets(signature: npt.NDArray[np.uint64]) -> list[int]:
    """One 63-bit bucket key per band."""
    rows = signature.reshape(BANDS, ROWS)
    out = []
    for row in rows:
        digest = hashlib.blake2b(row.tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "little") >> 1)
    return out
