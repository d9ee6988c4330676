"""Language identification, tuned for the languages of Peru's frontier reports."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["detect_language"]

# Languages a report on Peru and its neighbours is likely to be in.
_LANGUAGES = ["es", "en", "pt", "fr", "de", "it", "qu"]


@lru_cache(maxsize=1)
def _identifier() -> object:
    from py3langid.langid import _load_identifier

    # py3langid's model has no Quechua; restricting the label set keeps short Spanish
    # snippets from being called Galician or Catalan.
    return _load_identifier(norm_probs=True, langs=[la for la in _LANGUAGES if la != "qu"])


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language, or None when there is too little text."""
    sample = re.sub(r"\s+", " ", text[:20000]).strip()
    if len(re.findall(r"[^\W\d_]{2,}", sample)) < 3:
        return None
    lang, prob = _identifier().classify(sample)  # type: ignore[attr-defined]
    return str(lang) if prob >= 0.5 else None
