"""The pipeline's tokenizer gives medspaCy's tokens, though it skips the affix patterns for words of letters alone."""
from __future__ import annotations

import itertools
import re
import string
from pathlib import Path

import spacy
import yaml
from medspacy.custom_tokenizer import create_medspacy_tokenizer

from spinekg.nlp.pipeline import get_nlp

NLP = Path(__file__).parent / "data" / "nlp"


def _texts() -> list[str]:
    texts = []
    for f in sorted(NLP.rglob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(data, list):
            texts += [it["text"] for it in data if isinstance(it, dict) and isinstance(it.get("text"), str)]
    return texts


def test_no_affix_pattern_matches_a_word_of_letters() -> None:
    """What the shortcut rests on: medspaCy's prefix, suffix and infix patterns find nothing in any string of one to
    three ASCII letters (a suffix or infix rule needs a digit, a mark or a symbol next to the letters) nor in any word
    of the evaluation sets."""
    plain = create_medspacy_tokenizer(spacy.blank("en"))
    words = {w for t in _texts() for w in re.findall(r"[A-Za-z]+", t)}
    short = ("".join(p) for k in (1, 2, 3) for p in itertools.product(string.ascii_letters, repeat=k))
    checked = 0
    for w in itertools.chain(short, words):
        assert plain.prefix_search(w) is None and plain.suffix_search(w) is None, w
        assert not list(plain.infix_finditer(w)), w
        checked += 1
    assert checked > 150_000 and len(words) > 10_000
    # (and the patterns are not empty: they do split what is not letters alone)
    assert plain.suffix_search("10mm") is not None and list(plain.infix_finditer("c/o"))


def test_the_tokens_are_medspacys() -> None:
    """Every evaluation text, and text with marks, units and contractions, is cut into the same tokens as by medspaCy's
    own tokenizer."""
    plain = create_medspacy_tokenizer(spacy.blank("en"))
    ours = get_nlp().tokenizer
    extra = ["L4-5 TLIF c/o pain; 3.5mm screws (bilat.) cannot don't L5/S1 x-ray 10cm chf+cp", "“Screws” loosened…",
             "Dr. O'Neil's pt's S1-screws: 45°, 2×3 mm"]
    for text in [*_texts(), *extra]:
        assert [t.text for t in ours(text)] == [t.text for t in plain(text)], text[:80]
