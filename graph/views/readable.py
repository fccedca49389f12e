"""Numbers as a reader takes them in: 1000000000000 -> "1 trillion"."""

from __future__ import annotations


def in_words(amount: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            return f"{amount / size:.3g} {word}"
    return f"{amount:.4g}"
