"""Entry checks, as dense tables of (source, translation) pairs that must pass or fail."""

from __future__ import annotations

from checks.checkutil import fails, passes
from letterlingo.checks import conventions, markup, numbers, style
from letterlingo.checks.catalogue import format_strings, newlines
from letterlingo.glossary import Glossary, GlossaryTerm


def test_emphasis() -> None:
    check = markup.emphasis
    assert passes(check, "We, **109 signatories**, urge", "Wir, **109 Unterzeichnende**, fordern")
    assert passes(check, "a *b* and _c_", "ein _b_ und *c*")
    assert passes(check, "**a** and **b**", "**b** und **a**")
    assert passes(check, "plain", "schlicht")
    assert passes(check, "2 * 3 * 4", "2 * 3 * 4")  # not emphasis at all
    assert fails(check, "We, **109 signatories**, urge", "Wir, 109 Unterzeichnende, fordern")
    assert fails(check, "We, **109 signatories**, urge", "Wir, **109 Unterzeichnende, fordern")
    assert fails(check, "plain", "**fett**")
    assert fails(check, "a *b*", "ein **b**")
    assert fails(check, "**a** and **b**", "**a und b**")
    assert fails(check, "***both***", "*nur kursiv*")


def test_links() -> None:
    check = markup.links
    assert passes(check, "a [drop of 58%](https://example.org/report)", "ein [Rückgang um 58 %](https://example.org/report)")
    assert passes(check, "[a](#) and [b](#)", "[b](#) und [a](#)")
    assert passes(check, "<https://example.org>", "<https://example.org>")
    assert passes(check, "![logo](img.png)", "![Logo](img.png)")
    assert passes(check, "no links", "keine Links")
    assert fails(check, "a [drop](https://example.org/report)", "ein Rückgang")
    assert fails(check, "a [drop](https://example.org/report)", "ein [Rückgang](https://example.org/fake)")
    assert fails(check, "a [drop](https://example.org/report)", "ein [Rückgang](https://example.org/report?x=1)")
    assert fails(check, "no links", "[keine](https://evil.example) Links")
    assert fails(check, "[a](#) and [b](#)", "[a und b](#)")
    assert fails(check, "<https://example.org>", "https://example.org")
    assert fails(check, "![logo](img.png)", "![Logo](other.png)")
    # A link in the source written as plain text in the translation is dropped.
    assert fails(check, "[site](https://example.org)", "site (https://example.org)")


def test_links_report_dropped_and_added() -> None:
    messages = markup.links("[a](https://x.org)", "[a](https://y.org)", None)
    assert any("https://x.org" in m and "missing" in m for m in messages)
    assert any("https://y.org" in m and "not in the source" in m for m in messages)


def test_html() -> None:
    check = markup.html
    assert passes(check, "a < b and c > d", "a < b und c > d")
    assert passes(check, "5 <6", "5 <6")
    assert passes(check, "keep `<b>` as code", "`<b>` bleibt Code")
    assert passes(check, "see <https://example.org>", "siehe <https://example.org>")  # autolinks are Markdown
    assert passes(check, "write to <info@example.org>", "schreiben Sie an <info@example.org>")
    assert fails(check, "hello", "hallo <script>alert(1)</script>")
    assert fails(check, "hello", 'hallo <img src="x" onerror="alert(1)">')
    assert fails(check, "hello", "<b>hallo</b>")
    assert fails(check, "hello", "hallo<br>")
    assert fails(check, "hello", "hallo <!-- versteckt -->")
    assert fails(check, "hello", '<a href="https://evil.example">hallo</a>')
    # The same literal tag in source and translation is parity, not injection.
    assert passes(check, "the <br> tag", "das Tag <br>")


def test_numbers() -> None:
    check = numbers.numbers
    assert passes(check, "We, **109 signatories**, urge", "Wir, **109 Unterzeichnende**, fordern")
    assert passes(check, "a drop of 58%", "ein Rückgang um 58 %")
    assert passes(check, "a 6000% increase", "une augmentation de 6 000 %")
    assert passes(check, "a 6000% increase", "ein Anstieg um 6.000 %")
    assert passes(check, "a 6000% increase", "un aumento del 6000 %")
    assert passes(check, "On May 11, 2022", "Am 11. Mai 2022")
    assert passes(check, "on 2023-11-09", "le 09/11/2023")
    assert passes(check, "4 in 5 EU citizens", "5 EU-Bürgern sind es 4")
    assert passes(check, "3.5 million", "3,5 millions")
    assert passes(check, "[4 in 5](#) citizens", "[4 von 5](#) Bürgern")
    assert passes(check, "see [here](https://example.org/2021/report)", "siehe [hier](https://example.org/2021/report)")
    assert passes(check, "no figures", "keine Zahlen")
    assert fails(check, "We, **109 signatories**, urge", "Wir, **108 Unterzeichnende**, fordern")
    assert fails(check, "a drop of 58%", "ein deutlicher Rückgang")
    assert fails(check, "in 2021", "im Jahr 2020")
    assert fails(check, "a 6000% increase", "ein Anstieg um 600 %")
    assert fails(check, "4 in 5 EU citizens", "vier von fünf EU-Bürgern")
    assert fails(check, "between 5 and 5 days", "zwischen 5 Tagen")  # each occurrence counts


def test_numbers_names_the_missing_figure() -> None:
    assert numbers.numbers("85 million files in 2021", "85 Millionen Dateien", None) == [
        "number '2021' of the source is missing from the translation"
    ]


def test_unchanged() -> None:
    check = style.unchanged
    long_text = "We urge you to put children's online safety first."
    assert fails(check, long_text, long_text)
    assert fails(check, long_text, long_text + " ")
    assert passes(check, long_text, "Wir fordern Sie auf, die Sicherheit von Kindern an erste Stelle zu setzen.")
    assert passes(check, "CSAR", "CSAR")
    assert passes(check, "ECPAT International", "ECPAT International")
    assert passes(check, "Child Sexual Abuse", "Child Sexual Abuse")
    assert passes(check, long_text, long_text, locale="en_GB")  # a variant of the source language


def test_length() -> None:
    check = style.length
    source = "We urge you to put children's online safety first and pass robust legislation."
    assert passes(check, source, "Wir fordern Sie auf, die Online-Sicherheit von Kindern an erste Stelle zu setzen.")
    assert fails(check, source, "Wir fordern.")
    assert fails(check, source, (source + " ") * 4)
    assert passes(check, "Signed", "Unterzeichnerinnen und Unterzeichner")  # short sources are not judged
    assert passes(check, source, "")  # nothing to compare
    # Markup does not count, only visible text.
    assert passes(check, f"[{source}](https://example.org/a/very/long/path/to/a/report/page)",
                  "[Wir fordern Sie auf, die Online-Sicherheit an erste Stelle zu setzen.](https://example.org/a/very/long/path/to/a/report/page)")


def test_whitespace() -> None:
    check = style.whitespace
    assert passes(check, "Dear all,", "Liebe alle,")
    assert passes(check, " Dear all, ", " Liebe alle, ")
    assert passes(check, "Dear all,\n", "Liebe alle,\n")  # newlines are another check's job
    assert fails(check, "Dear all,", " Liebe alle,")
    assert fails(check, "Dear all,", "Liebe alle, ")
    assert fails(check, " Dear all,", "Liebe alle,")
    assert fails(check, "Dear all, ", "Liebe alle,")


def test_end_punctuation() -> None:
    check = style.end_punctuation
    assert passes(check, "Signed by", "Unterzeichnet von")
    assert passes(check, "We urge you.", "Wir fordern Sie auf.")
    assert passes(check, "Why now?", "Warum jetzt?")
    assert passes(check, "Why now?", "Γιατί τώρα;", locale="el")
    assert passes(check, "Why now?", "Γιατί τώρα\u037e", locale="el")
    assert passes(check, "a list;", "μια λίστα·", locale="el")  # the Greek semicolon
    assert passes(check, "a list;", "μια λίστα;", locale="el")
    assert passes(check, "It ends.", "終わり。", locale="ja")
    assert passes(check, "and so on...", "und so weiter …")
    assert passes(check, 'He said "stop."', "Er sagte „Stopp“.")
    assert passes(check, "**The solution is within your power.**", "**Die Lösung liegt in Ihrer Hand.**")
    assert passes(check, "Dear decision-makers,", "Estimados responsables:", locale="es")
    assert passes(check, "Dear decision-makers,", "Lugupeetud otsustajad!", locale="et")
    assert fails(check, "Why now?", "Warum jetzt.")
    assert fails(check, "Why now?", "Γιατί τώρα.", locale="el")
    assert fails(check, "We urge you.", "Wir fordern Sie auf")
    assert fails(check, "Signed by", "Unterzeichnet von:")
    assert fails(check, "Therefore:", "Deshalb.")
    assert fails(check, "We urge you.", "Wir fordern Sie auf!")
    assert fails(check, "Why now?", "Warum jetzt;", locale="de")  # only Greek reads ';' as a question mark
    assert fails(check, "first; then", "πρώτο· έπειτα·", locale="el")


def test_format_percent() -> None:
    flags = ("python-format",)
    assert passes(format_strings, "%(n)s signatories", "%(n)s Unterzeichnende", flags=flags)
    assert passes(format_strings, "%s of %d", "%s von %d", flags=flags)
    assert passes(format_strings, "100%% sure", "100 %% sicher", flags=flags)
    assert passes(format_strings, "%(a)s %(b)s", "%(b)s %(a)s", flags=flags)
    assert fails(format_strings, "%(n)s signatories", "Unterzeichnende", flags=flags)
    assert fails(format_strings, "%(n)s signatories", "%(m)s Unterzeichnende", flags=flags)
    assert fails(format_strings, "%s of %d", "%d", flags=flags)
    assert fails(format_strings, "%s", "%d", flags=flags)
    assert fails(format_strings, "%(n)s", "%s", flags=flags)
    assert fails(format_strings, "%(n)s", "%(n)s %", flags=flags)
    assert fails(format_strings, "none", "%s", flags=flags)
    # Without the flag (or with no-python-format) a percent sign is just text.
    assert passes(format_strings, "58%", "58 % bei %d")
    assert passes(format_strings, "%s", "", flags=("no-python-format",))
    # A plural form used for a single n may leave out the named number ("one file").
    assert passes(format_strings, "one file", "eine Datei", flags=flags, msgid_plural="%(n)d files", form=0, strict=False)
    assert fails(format_strings, "one file", "eine Datei", flags=flags, msgid_plural="%(n)d files", form=1, strict=True)


def test_format_brace() -> None:
    flags = ("python-brace-format",)
    assert passes(format_strings, "{n} signatories", "{n} Unterzeichnende", flags=flags)
    assert passes(format_strings, "{n} of {total}", "{total}: {n}", flags=flags)
    assert passes(format_strings, "{n:>3} {x.y} {z[0]}", "{n} {x.y} {z[0]}", flags=flags)
    assert passes(format_strings, "{{literal}}", "{{wörtlich}}", flags=flags)
    assert fails(format_strings, "{n} signatories", "Unterzeichnende", flags=flags)
    assert fails(format_strings, "{n} signatories", "{count} Unterzeichnende", flags=flags)
    assert fails(format_strings, "{n} signatories", "{n Unterzeichnende", flags=flags)
    assert fails(format_strings, "{n} signatories", "{n!x} Unterzeichnende", flags=flags)
    assert fails(format_strings, "{} and {}", "{} und", flags=flags)
    assert passes(format_strings, "{n}", "{n} {m}")  # no flag, no check


def test_newlines() -> None:
    assert passes(newlines, "a", "b")
    assert passes(newlines, "a\n", "b\n")
    assert passes(newlines, "\na", "\nb")
    assert fails(newlines, "a\n", "b")
    assert fails(newlines, "a", "b\n")
    assert fails(newlines, "\na", "b")
    assert fails(newlines, "a", "b", msgid="a\n", msgid_plural="as", form=0)


def test_titles_are_first_docstring_lines() -> None:
    assert markup.links.title.startswith("The translation links to exactly the source's URLs")
    assert "\n" not in numbers.numbers.title


GLOSSARY = Glossary((GlossaryTerm("CSAR"), GlossaryTerm("EU Centre", {"de": "EU-Zentrum", "fi": "EU-keskus"})))


def test_sentences() -> None:
    check = conventions.sentences
    source = "Children are at risk. The law is ready. Adopt it now."
    assert passes(check, source, "Kinder sind gefährdet. Das Gesetz ist fertig. Verabschieden Sie es jetzt.")
    assert passes(check, source, "Kinder sind gefährdet. Das Gesetz ist fertig. Jetzt. Bitte.")  # split is fine
    assert fails(check, source, "Kinder sind gefährdet. Verabschieden Sie das Gesetz jetzt.")
    assert passes(check, "We act, e.g. now. Then Dr. Smith spoke.", "Wir handeln z.B. jetzt. Dann sprach Dr. Smith.")
    assert passes(check, "A 6.5% rise. Really.", "Ein Anstieg um 6,5 %. Wirklich.")
    assert passes(check, "One sentence only.", "Ein Satz.")
    assert passes(check, "Is it? Yes!", "Ist es so? Ja!")


def test_double_spaces() -> None:
    check = conventions.double_spaces
    assert fails(check, "We urge you", "Wir fordern  Sie auf")
    assert passes(check, "We urge you", "Wir fordern Sie auf")
    assert passes(check, "A  B", "A  B")  # the source has one too
    assert passes(check, "line  \nbreak", "Zeile  \nUmbruch")  # a Markdown line break is not a double space


def test_glossary() -> None:
    check = conventions.glossary
    assert fails(check, "The CSAR is vital.", "Die KSAV ist wichtig.", glossary=GLOSSARY)
    assert passes(check, "The CSAR is vital.", "Die CSAR ist wichtig.", glossary=GLOSSARY)
    assert passes(check, "The CSAR is vital.", "Die KSAV ist wichtig.")  # no glossary, nothing to check
    assert passes(check, "The EU Centre acts.", "Das EU-Zentrum handelt.", glossary=GLOSSARY)  # has a rendering


def test_glossary_term() -> None:
    check = conventions.glossary_term
    assert fails(check, "The EU Centre acts.", "Die EU-Behörde handelt.", glossary=GLOSSARY)
    assert passes(check, "The EU Centre acts.", "Das EU-Zentrum handelt.", glossary=GLOSSARY)
    assert passes(check, "The work of the EU Centre.", "Die Arbeit des EU-Zentrums.", glossary=GLOSSARY)
    assert passes(check, "The EU Centre acts.", "EU-keskuksen työ alkaa.", "fi", glossary=GLOSSARY)  # declined
    assert passes(check, "The EU Centre acts.", "Le Centre de l'UE agit.", "fr", glossary=GLOSSARY)  # no rendering


def test_quotes() -> None:
    check = conventions.quotes
    assert fails(check, 'So-called "chat control".', 'Sogenannte "Chatkontrolle".')
    assert fails(check, "So-called “chat control”.", "Sogenannte “Chatkontrolle”.")
    assert passes(check, "So-called “chat control”.", "Sogenannte „Chatkontrolle“.")
    assert passes(check, "So-called “chat control”.", "dite « contrôle des chats ».", "fr")
    assert fails(check, "So-called “chat control”.", "dite „contrôle“.", "fr")
    assert passes(check, "So-called “chat control”.", "zgn. „kontrola czatów”.", "pl")
    assert passes(check, "So-called “chat control”.", "sogenannte »Chatkontrolle«.", "de")
    assert passes(check, "So-called “chat control”.", "niin sanottu »chat-valvonta».", "fi")
    assert passes(check, "plain", "schlicht")


def test_markup_spaces() -> None:
    check = conventions.markup_spaces
    assert fails(check, "Read the [report](#).", "Lesen Sie den[Bericht](#).")
    assert fails(check, "Read the [report](#).", "Lesen Sie den [ Bericht ](#).")
    assert fails(check, "a **bold** word", "ein ** fettes** Wort")
    assert passes(check, "Read the [report](#).", "Lesen Sie den [Bericht](#).")
    assert passes(check, "the EU **Centre**", "das EU-**Zentrum**")
    assert passes(check, "an **un**likely case", "ein **un**wahrscheinlicher Fall")  # as glued as the source


def test_dates_of_a_source_in_another_language_are_checked() -> None:
    """A letter written in French or Spanish: its dates are read with its own month names."""
    check = numbers.numbers
    assert fails(check, "Depuis le 1er janvier 2026.", "Seit dem 1. Februar 2026.", source_language="fr")
    assert passes(check, "Depuis le 1er janvier 2026.", "Seit dem 1. Januar 2026.", source_language="fr")
    assert fails(check, "Desde el 15 de marzo de 2026.", "Seit dem 15. Mai 2026.", source_language="es")
    assert passes(check, "Desde el 15 de marzo de 2026.", "Seit dem 15. März 2026.", source_language="es")
    assert fails(check, "Seit dem 1. Januar 2026.", "Since 1 June 2026.", "en", source_language="de")
