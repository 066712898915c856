"""Markup and glossary terms as tags: what engines see, what comes back, what is rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterlingo import parity
from letterlingo.errors import ConfigError
from letterlingo.translate.protect import (
    Glossary,
    GlossaryTerm,
    Rejected,
    load_glossary,
    markup_signature,
    protect,
    restore,
)

SOURCE = "We support the **strong safeguards** and a [6000% increase](https://example.org/a) in `code`."


@pytest.mark.parametrize("markdown, sent", [
    ("Plain text.", "Plain text."),
    ("A **bold** and *em* and _em_ word.", "A <g1>bold</g1> and <g2>em</g2> and <g3>em</g3> word."),
    ("[link](https://x.org \"Title\") here", "<g1>link</g1> here"),
    ("`code` and <https://x.org>", "<x1/> and <x2/>"),
    ("line\\\nbreak", "line<x1/>break"),
    ("**[bold link](#)**", "<g1><g2>bold link</g2></g1>"),
    ("a literal <g1> tag", "a literal <x1/> tag"),
    ("stop_sexting \\*not em\\*", "stop_sexting *not em*"),
])
def test_what_engines_see(markdown: str, sent: str) -> None:
    assert protect(markdown).text == sent


@pytest.mark.parametrize("markdown", [
    SOURCE,
    "On May 11, the Commission released a proposed *Regulation laying down rules*.",
    "[Over 62% of online child sexual abuse material](#) (CSAM) worldwide",
    "**_both_** and ***three*** and *a **b***",
    "An image ![alt *text*](pic.png \"t\") and [odd target](<a b>) and [esc](x\\)y)",
    "5 * 3 = 15, a_b, \\[not a link\\](x), &amp; &copy; and `` a`b ``",
    "# not a heading and 1. not a list",
])
def test_unchanged_answer_restores_the_same_markup(markdown: str) -> None:
    restored = restore(protect(markdown), protect(markdown).text)
    assert parity.errors(markdown, restored) == []
    assert markup_signature(restored) == markup_signature(markdown)


def test_tags_move_with_words_and_spaces_inside_tags_move_out() -> None:
    protected = protect(SOURCE)
    answer = "Ein < g2 >Anstieg um 6 000 % </ G2> und <g1> starke Garantien </g1> in <x3/>."
    assert restore(protected, answer) == (
        "Ein [Anstieg um 6 000 %](https://example.org/a) und **starke Garantien** in `code`."
    )


def test_xml_style_empty_element_is_accepted() -> None:
    assert restore(protect("Use `x` now"), "Nutze <x1></x1> jetzt") == "Nutze `x` jetzt"


@pytest.mark.parametrize("answer, reason", [
    ("Wir <g1>x</g1> und 6000 <x3/>.", "link to 'https://example.org/a' lost"),
    ("Wir <g1>x</g1> <g1>y</g1> <g2>z</g2> 6000 <x3/>.", "strong emphasis repeated"),
    ("Wir <g1>x <g2>y</g1></g2> 6000 <x3/>.", "tags are not properly nested"),
    ("Wir <g1>x</g1> <g2>y</g2> 6000.", "code '`code`' lost"),
    ("Wir <g1>x</g1> <g2>y</g2> <x3/> <x3/>.", "code '`code`' repeated"),
    ("Wir <g1>x</g1> <g2>y</g2> <x3/> <g9>z</g9>.", "unknown tag <g9>"),
    ("Wir <g1>x</g1> <g2>y</g2> <x3/> <x7/>.", "unknown tag <x7/>"),
])
def test_mangled_tags_are_rejected(answer: str, reason: str) -> None:
    with pytest.raises(Rejected) as caught:
        restore(protect(SOURCE), answer)
    assert caught.value.reason == reason


@pytest.mark.parametrize("result, problem", [
    ("Wir **x** und [y](https://example.org/a) 6000 `code`.", None),
    ("Wir **x** und [y](https://example.org/b) 6000 `code`.", "links"),
    ("Wir x und [y](https://example.org/a) 6000 `code`.", "emphasis"),
    ("Wir **x** und [y](https://example.org/a) 600 `code`.", "numbers"),
    ("Wir **x** und [y](https://example.org/a) 6.000 `code`.", None),
    ("Wir **x** und [y](https://example.org/a) 6000 `other`.", "placeholders"),
])
def test_a_restored_draft_is_judged_by_parity(result: str, problem: str | None) -> None:
    assert [item.check for item in parity.errors(SOURCE, result, "de")][:1] == ([problem] if problem else [])


def test_glossary_terms_are_kept_or_given_their_fixed_translation() -> None:
    glossary = Glossary((GlossaryTerm("EU Centre", {"de": "EU-Zentrum"}), GlossaryTerm("CSAM")))
    protected = protect("The **EU Centre** fights CSAM, not CSAMs.", glossary)
    assert protected.text == "The <g1><x2/></g1> fights <x3/>, not CSAMs."
    answer = "Das <g1><x2/></g1> bekämpft <x3/>, nicht CSAMs."
    assert restore(protected, answer, locale="de", glossary=glossary) == "Das **EU-Zentrum** bekämpft CSAM, nicht CSAMs."
    assert restore(protected, answer, locale="fr", glossary=glossary) == "Das **EU Centre** bekämpft CSAM, nicht CSAMs."
    with pytest.raises(Rejected, match="glossary term 'CSAM' lost"):
        restore(protected, "Das <g1><x2/></g1> bekämpft Missbrauch.", locale="de", glossary=glossary)


def test_glossary_csv(tmp_path: Path) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text("term,de,pt-PT\nEU Centre,EU-Zentrum,\n# a comment\n\nCSAM,,\n", encoding="utf-8")
    glossary = load_glossary(path)
    assert [term.term for term in glossary.terms] == ["EU Centre", "CSAM"]
    assert glossary.terms[0].rendering("de") == "EU-Zentrum"
    assert glossary.terms[0].rendering("pt_PT") == "EU Centre"
    assert load_glossary(tmp_path / "missing.csv").terms == ()


@pytest.mark.parametrize("text, message", [
    ("word,de\nx,y\n", "glossary.csv:1: glossary's first column must be named 'term'"),
    ("term,xx-nope\nx,y\n", "glossary.csv:1: glossary column 'xx-nope' is not a language code"),
    ("term,de\nx,y\nx,z\n", "glossary.csv:3: term 'x' is listed twice"),
    ("term,de\nx,y,z\n", "glossary.csv:2: row has 3 cells, the header 2"),
])
def test_glossary_errors_name_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_glossary(path, "glossary.csv")
    assert str(caught.value) == message


def test_plain_addresses_are_kept_whole_without_the_sentence_end() -> None:
    protected = protect("See https://example.org/more. Or write to info@example.org.")
    assert protected.text == "See <x1/>. Or write to <x2/>."
    assert restore(protected, "Siehe <x1/>. Oder schreiben Sie an <x2/>.") == \
        "Siehe https://example.org/more. Oder schreiben Sie an info@example.org."


def test_placeholders_travel_as_kept_tags() -> None:
    protected = protect("Dear {name}, you are one of %(count)s.")
    assert protected.text == "Dear <x1/>, you are one of <x2/>."
    assert restore(protected, "Liebe/r <x1/>, Sie sind eine/r von <x2/>.") == "Liebe/r {name}, Sie sind eine/r von %(count)s."
