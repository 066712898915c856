"""Pseudo-localisation: accented, about 35% longer, bracketed, and markup intact."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letterlingo import parity
from letterlingo.translate.protect import markup_signature, protect, restore
from letterlingo.translate.pseudo import PseudoEngine, pseudolocalise


def pseudo_markdown(markdown: str) -> str:
    protected = protect(markdown)
    return restore(protected, pseudolocalise(protected.text))


def test_pseudo_text_is_accented_longer_and_bracketed() -> None:
    result = pseudolocalise("We support the strong safeguards of 2022.")
    assert result.startswith("[") and result.endswith("]")
    assert "2022" in result
    assert not any(char in result for char in "aeiou")
    assert 1.3 <= len(result) / len("We support the strong safeguards of 2022.") <= 1.4


def test_pseudo_keeps_markup_and_link_targets() -> None:
    source = "We support the **strong safeguards** and a [6000% increase](https://example.org/a) in `code`."
    result = pseudo_markdown(source)
    assert "**" in result and "](https://example.org/a)" in result and "`code`" in result
    assert parity.errors(source, result) == []


def test_pseudo_engine_supports_everything() -> None:
    engine = PseudoEngine()
    assert engine.supports("en", "ga") and engine.offline
    assert engine.translate(["a", "b"], "en", "de") == [pseudolocalise("a"), pseudolocalise("b")]


_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_WORD = st.text(alphabet=st.sampled_from(list("abcdefXYZäöß0123456789")), min_size=1, max_size=8)
_LITERAL = st.text(alphabet=st.sampled_from(list("abc XYZ 019.,;:!?'\"-*_[]()<>&#`\\~|/%é")), min_size=1, max_size=12)
_URL = st.sampled_from(["#", "https://example.org/a", "https://example.org/a b", "mailto:x@y.eu", "./r(1).pdf", "x\\y"])


def _escaped(text: str) -> str:
    """Literal text as an author would write it: every ASCII punctuation mark escaped."""
    return "".join("\\" + char if char in _ASCII_PUNCTUATION else char for char in text)


def _wrapped(opening: str, closing: str):  # type: ignore[no-untyped-def]
    """Markup around children, with words at both ends as in real prose."""
    return lambda children: f"{opening}a {' '.join(children)} z{closing}"


_INLINE = st.recursive(
    st.one_of(_WORD, _LITERAL.map(_escaped)),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3).map(_wrapped("**", "**")),
        st.lists(children, min_size=1, max_size=3).map(_wrapped("*", "*")),
        st.lists(children, min_size=1, max_size=3).map(_wrapped("_", "_")),
        st.tuples(st.lists(children, min_size=1, max_size=3), _URL).map(
            lambda pair: _wrapped("[", f"]({pair[1] if ' ' not in pair[1] else '<' + pair[1] + '>'})")(pair[0])),
        _WORD.map(lambda word: f"`{word}`"),
        st.sampled_from(["<https://example.org/x>", "line\\\nbreak"]),
    ),
    max_leaves=8,
)
_MARKDOWN = st.lists(_INLINE, min_size=1, max_size=5).map(" ".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MARKDOWN)
def test_markup_round_trips_through_pseudo(markdown: str) -> None:
    result = pseudo_markdown(markdown)
    assert markup_signature(result) == markup_signature(markdown)
    assert parity.errors(markdown, result) == []


@settings(max_examples=300, deadline=None)
@given(_LITERAL)
def test_literal_punctuation_stays_literal(text: str) -> None:
    """Stars, underscores, brackets and backslashes in an answer never turn into markup."""
    source = f"Say **{_escaped('x' + text + 'x')}** now"
    protected = protect(source)
    answer = protected.text.replace("x", "y")
    assert parity.errors(source, restore(protected, answer)) == []


def test_pseudo_keeps_dates_so_its_drafts_pass_parity() -> None:
    source = "The deadline is 15 March 2024, not 1 May."
    protected = protect(source)
    result = restore(protected, pseudolocalise(protected.text))
    assert "15 March 2024" in result and parity.errors(source, result, "de") == []
