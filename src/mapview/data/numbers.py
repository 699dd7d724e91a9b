"""Number words, one table for every reader of counts: dates ("three days later") and
ingest's death tolls ("killing twenty-two people")."""

from __future__ import annotations

_UNIT_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]  # fmt: skip
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

UNITS = {word: i for i, word in enumerate(_UNIT_WORDS, start=1)}
TENS = {word: 10 * i for i, word in enumerate(_TENS_WORDS, start=2)}
