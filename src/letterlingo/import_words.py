"""Words import recognises in the 24 EU languages: signature cues, group labels, page chrome, dates.

Month names come from Babel's locale data; cues and labels are the phrases coalitions actually
print above their lists, so a French or German copy imports as well as an English one.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError

#: Lines that introduce the signatory list, lower-cased, without the trailing colon.
SIGNATURE_CUES = frozenset("""
signed|signed by|signatures|signature|signatories|signers|signees|list of signatories|co-signed by|cosigned by|co-signatories|
undersigned|the undersigned|we the undersigned|supported by|with the support of|endorsed by|signing organisations|
signing organizations|signed on behalf of|
unterzeichnet von|unterzeichnende|unterzeichnende organisationen|die unterzeichnenden|unterzeichner|
unterzeichner:innen|unterzeichnerinnen und unterzeichner|unterstützt von|
signé par|signataires|les signataires|liste des signataires|soutenu par|cosigné par|
firmado por|firmantes|lista de firmantes|suscrito por|los firmantes|
firmato da|firmatari|i firmatari|firmatari e firmatarie|firmatarie|elenco dei firmatari|sottoscritto da|
assinado por|signatários|os signatários|assinantes|subscrito por|
ondertekend door|ondertekenaars|getekend door|de ondertekenaars|
podpisano|sygnatariusze|podpisali|lista sygnatariuszy|
podepsáno|podepsaní|signatáři|
podpísaní|signatári|podpísané|
podpisniki|podpisali|
potpisnici|potpisali|
aláírók|aláírta|az aláírók|
semnatari|semnat de|semnatarii|semnează|semneaza|prime firme|firme|
подписали|подписано от|подписалите|
υπογράφουν|υπογραφές|οι υπογράφοντες|υπογράφοντες|
underskrevet af|underskrivere|
undertecknat av|undertecknare|undertecknade|
allekirjoittajat|allekirjoittaneet|
allkirjastajad|allkirjastanud|
parakstītāji|parakstījuši|
pasirašė|signatarai|
sínithe ag|sínitheoirí|
iffirmata minn|firmatarji
""".replace("\n", "").split("|")) - {""}

#: Words a group label is made of ("Activists and survivors", "ORGANISATIONS", "Einzelpersonen").
LABEL_WORDS = frozenset("""
organisations organizations organisation organization organisationen organizaciones organizzazioni organisaties
organizacje organizace organizácie organizacije organizații организации οργανώσεις organisationer
järjestöt organisatsioonid organizācijas organizacijos eagraíochtaí organizzazzjonijiet ngos ngo ong ongs ngo's
individuals individual persons personen persone personas personnes people einzelpersonen privatpersonen
particuliers particulares privati individuen osoby osoby jednotlivci posamezniki pojedinci magánszemélyek
persoane лица άτομα personer henkilöt isikud personas asmenys daoine individwi
experts expertinnen experten expertos esperti deskundigen eksperci academics academia wissenschaftler:innen
researchers scientists survivors activists survivors' victims supporters members parliamentarians meps
professionals practitioners networks associations foundations institutions companies businesses unions
partners signatories signatures co-signatories endorsers others other supporting signing signed
civil society child children's children rights national international european eu global local regional
member states states and & of the by in de des et y e und i a en och og ja és și и και
academic individuals: alphabetical order individus particuliers personal capacity journalists mayors lawyers doctors teachers parents youth young students scientists psychologists politicians councillors artists writers religious leaders faith trade companies businesses cities municipalities elected representatives officials professors physicians paediatricians pediatricians nurses social workers supporting partner alliance members indywidualne indywidualni individuelle individuels individuales individuali personnalités personalidades persönlichkeiten personalità persoonlijkheden osobistości osobnosti personalități личности προσωπικότητες personligheder personligheter henkilöt isikud personības asmenybės signatures: firmantes firmatari signataires unterzeichnende sygnatariusze podpisujący ondertekenaars (in alphabetical order) also additional further
""".split())

#: Whole lines that are web-page furniture, never a name (lower-cased, punctuation trimmed).
#: Each pattern is a complete line: "Read more" is furniture, "Read More Foundation" a name.
_CHROME = (
    # sharing
    r"share(?:\s+(?:this(?:\s+(?:article|post|page|story))?|on\s+\w+|via\s+\w+|article|post|page))?", r"tweet",
    r"facebook", r"twitter", r"x", r"linkedin", r"whatsapp", r"telegram", r"bluesky", r"mastodon", r"instagram",
    r"youtube", r"email", r"e-mail", r"print(?:\s+(?:this\s+)?(?:page|article))?", r"copy\s+link",
    r"partager(?:\s+(?:sur\s+\w+|cet\s+article|la\s+page))?", r"teilen", r"compartir", r"condividi",
    r"deel(?:\s+dit\s+(?:bericht|artikel))?", r"delen", r"udostępnij", r"sdílet", r"zdieľať", r"deli", r"podijeli",
    r"megosztás", r"distribuie", r"споделете", r"κοινοποίηση", r"del", r"dela", r"jaa", r"jaga", r"dalīties",
    r"dalintis", r"roinn", r"compartir\s+en\s+\w+", r"partager\s+sur\s+\w+", r"teilen\s+auf\s+\w+",
    r"condividi\s+su\s+\w+", r"sdílej", r"tisk", r"drucken", r"imprimir", r"imprimer", r"stampa", r"afdrukken",
    r"drukuj", r"tlačiť", r"natisni", r"ispis", r"nyomtatás", r"printează", r"tulosta", r"skriv\s+ut", r"udskriv",
    r"kontakt", r"contacto", r"contatti", r"impressum", r"läs\s+mer", r"lue\s+lisää", r"læs\s+mere", r"les\s+mer",
    r"loe\s+edasi", r"lasīt\s+vairāk", r"skaityti\s+daugiau", r"citește\s+mai\s+mult", r"bővebben", r"više",
    r"preberi\s+več", r"čítať\s+viac", r"číst\s+dále", r"leia\s+mais", r"saiba\s+mais", r"διαβάστε\s+περισσότερα",
    r"прочетете\s+повече", r"weitere\s+infos", r"citește\s+și", r"citeste\s+si", r"leia\s+também",
    r"veja\s+também", r"partilhar", r"zobacz\s+także", r"přečtěte\s+si\s+také", r"läs\s+också", r"lue\s+myös",
    r"preberite\s+tudi", r"pročitajte\s+i", r"olvassa\s+el\s+ezt\s+is", r"διαβάστε\s+επίσης",
    r"прочетете\s+още", r"taip\s+pat\s+skaitykite", r"lasi\s+arī", r"loe\s+ka", r"læs\s+også", r"les\s+også",
    # reading on
    r"read\s+more", r"read\s+the\s+(?:full\s+)?(?:article|story|letter)", r"more\s+news", r"latest\s+news",
    r"you\s+may\s+also\s+like", r"see\s+also", r"related(?:\s+(?:news|articles?|posts?|stories|content))?",
    r"lire\s+(?:la\s+suite|plus|aussi)", r"à\s+lire\s+aussi", r"voir\s+aussi", r"en\s+savoir\s+plus",
    r"weiterlesen", r"lesen\s+sie\s+auch", r"auch\s+interessant", r"mehr\s+(?:lesen|erfahren|dazu|zum\s+thema)", r"weitere\s+(?:nachrichten|artikel|meldungen|beiträge)",
    r"ähnliche\s+(?:artikel|beiträge)", r"das\s+könnte\s+sie\s+auch\s+interessieren", r"leer\s+más",
    r"noticias\s+relacionadas", r"artículos\s+relacionados", r"leggi\s+(?:di\s+più|tutto|anche)",
    r"articoli\s+correlati", r"notizie\s+correlate", r"lees\s+(?:meer|ook|verder)", r"meer\s+nieuws",
    r"gerelateerde?\s+(?:berichten|artikelen|nieuws)", r"czytaj\s+(?:więcej|też|także)",
    r"zobacz\s+(?:więcej|też|także)", r"powiązane(?:\s+(?:artykuły|wiadomości))?",
    # navigation and footer
    r"back", r"back\s+to\s+(?:top|news|the\s+\w+|home|all\s+\w+)", r"top", r"to\s+top",
    r"previous(?:\s+(?:post|article|story))?", r"next(?:\s+(?:post|article|story))?", r"home", r"menu", r"search",
    r"skip\s+to\s+(?:main\s+)?content", r"nach\s+oben", r"zurück(?:\s+zur\s+übersicht)?",
    r"retour(?:\s+en\s+haut)?", r"haut\s+de\s+page", r"volver(?:\s+arriba)?", r"torna\s+su", r"terug\s+naar\s+boven",
    r"powrót", r"tags?\s*:.*", r"categor(?:y|ies)\s*:.*", r"posted\s+in\s*:.*", r"filed\s+under\s*:.*",
    r"schlagwörter\s*:.*", r"we\s+use\s+cookies\b.*", r"this\s+(?:web)?site\s+uses\s+cookies\b.*",
    r"(?:cookie|cookies)(?:\s+(?:policy|settings|preferences|consent))?", r"política\s+de\s+cookies",
    r"accept(?:\s+all)?(?:\s+cookies)?", r"reject(?:\s+all)?(?:\s+cookies)?",
    r"manage\s+(?:cookies|preferences|consent)", r"privacy(?:\s+(?:policy|notice|statement))?",
    r"terms(?:\s+(?:of\s+use|and\s+conditions|&\s+conditions))?", r"legal\s+notice", r"imprint", r"impressum",
    r"datenschutz(?:erklärung)?", r"mentions\s+légales", r"aviso\s+legal", r"política\s+de\s+privacidad",
    r"note\s+legali", r"colofon", r"polityka\s+prywatności", r"©\s*(?:\d{4}).*", r"copyright\s+(?:©\s*)?\d{4}.*",
    r".*\ball\s+rights\s+reserved\.?", r"subscribe(?:\s+(?:now|to\s+(?:our|the)\s+newsletter))?",
    r"sign\s+up(?:\s+(?:now|for\s+(?:our|the)\s+newsletter))?", r"newsletter", r"(?:your\s+)?e-?mail\s+address",
    r"follow\s+us(?:\s+on\s+\w+)?", r"donate(?:\s+now)?", r"download(?:\s+(?:the\s+)?(?:pdf|letter|file))?",
    r"contact(?:\s+us)?", r"news", r"press\s+releases?", r"publications?", r"actualités", r"nachrichten",
    r"aktuelles", r"noticias", r"notizie", r"nieuws", r"aktualności",
)
CHROME_LINE = re.compile(r"^(?:" + "|".join(_CHROME) + r")$", re.IGNORECASE)
#: What follows a date on a news teaser's date line ("27 November 2023 News").
_TEASER_WORDS = frozenset("news publications publication press release releases blog event events article story "
                          "statement actualités nachrichten noticias notizie nieuws aktualności". split())

_SALUTATIONS = (
    "dear", "to", "sehr geehrte", "liebe", "madame", "monsieur", "mesdames", "chers", "chères", "estimados",
    "estimadas", "estimado", "gentile", "gentili", "egregi", "caro", "cari", "geachte", "beste", "szanowni",
    "szanowna", "szanowny", "vážení", "vážená", "vážený", "spoštovani", "poštovani", "tisztelt", "stimate",
    "stimați", "уважаеми", "αξιότιμ", "αξιότιμα", "αξιότιμοι", "αξιότιμε", "αξιότιμη", "αξιότιμες", "αγαπητοί", "αγαπητέ", "kære", "bästa", "hyvä", "arvoisa", "lugupeetud", "godājam", "gerbiam",
    "a chara", "a chairde", "a chomhaltaí", "a dhaoine uaisle", "għeżież", "prezados", "exmos", "exmo", "caros",
)
SALUTATION = re.compile(r"^(?:" + "|".join(re.escape(s) for s in _SALUTATIONS) + r")\b.{0,160}[,:!]$", re.IGNORECASE)


_CUE_STEMS = re.compile(
    r"^(?:(?:the\s+|les\s+|i\s+|los\s+|die\s+|de\s+|os\s+|as\s+|οι\s+)?(?:first\s+|premiers\s+|primi\s+|"
    r"prime\s+|erst)?(?:signat|signé|firmat|firmant|firmad|firmas|unterzeichn|ondertek|getekend|podpis|sygnatar|"
    r"assina|subscrit|subscrev|suscri|sottoscri|semna|υπογρ|подпис|aláír|underskr|undertec|allekirjoit|allkirjast|parakst|pasiraš|sínit|"
    r"iffirm|hanno\s+firmato)\w*(?:[*:_]innen)?)(?:\s+(?:by|par|von|por|da|door|de|od|by:)?)?$",
    re.IGNORECASE,
)
_CUE_ORGS = re.compile(r"^(?:signatory|signing|signataires?|firmantes|unterzeichnende|ondertekenende)\s+"
                       r"(?:organi[sz]ations?|organisationen|organizaciones|organisaties)$|"
                       r"^(?:organi[sz]ations?|organisations|organizaciones|organizzazioni|organisationen)\s+"
                       r"(?:signataires|firmantes|firmatarie|unterzeichnende|signatories)$", re.IGNORECASE)


def _cue_text(line: str) -> str:
    text = re.sub(r"^#{1,6}\s*", "", line.strip()).strip()
    wrapped = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", text)
    text = (wrapped.group(2) if wrapped else text).strip()
    text = re.sub(r"\s*\((?:in\s+)?(?:alphabetical\s+order|par\s+ordre\s+alphabétique|in\s+alphabetischer"
                  r"\s+reihenfolge|por\s+orden\s+alfabético|in\s+ordine\s+alfabetico)\)", "", text, flags=re.I)
    text = re.sub(r"[\s:：,.\-–—]+$", "", text).lower()
    text = re.sub(r"\s*\(\s*\d+\s*\)$", "", text)  # "Signatories (5)"
    # "Signed by 45 organisations and 3 individuals", "5 signatories"
    text = re.sub(r"^(.*?\bby)\s+\d[\d,.\s]*\b.*$", r"\1", text)
    return re.sub(r"^\d[\d,.\s]*\s+(?=\w)", "", text)


CLOSING = re.compile(
    r"^(?:(?:yours\s+)?(?:sincerely|faithfully|truly)|(?:kind|best|warm)\s+regards|regards|respectfully|"
    r"mit\s+freundlichen\s+grüßen|freundliche\s+grüße|hochachtungsvoll|cordialement|bien\s+à\s+vous|"
    r"veuillez\s+agréer.*|atentamente|saludos\s+cordiales|cordiali\s+saluti|distinti\s+saluti|"
    r"met\s+vriendelijke\s+groet(?:en)?|hoogachtend|z\s+poważaniem|s\s+pozdravem|s\s+úctou|lp|"
    r"med\s+venlig\s+hilsen|med\s+vänliga\s+hälsningar|ystävällisin\s+terveisin|lugupidamisega|"
    r"cu\s+stimă|üdvözlettel|с\s+уважение|με\s+εκτίμηση|atenciosamente|(?:com\s+os\s+)?(?:melhores\s+)?cumprimentos|s\s+poštovanjem|"
    r"ar\s+cieņu|pagarbiai|le\s+meas|dejjem\s+tiegħek|in\s+solidarity|(?:with\s+)?(?:best|warm|kind)\s+wishes|"
    r"(?:with\s+)?(?:kind|warm)est\s+regards|cordially|yours|mit\s+solidarischen\s+grüßen|solidarische\s+grüße|"
    r"in\s+solidarietà|en\s+solidarité|solidairement|en\s+solidaridad|un\s+saludo|un\s+cordial\s+saludo)[\s,.!]*$",
    re.IGNORECASE,
)


def is_cue(line: str) -> bool:
    """`Signed by:`, `## Signatories`, `Unterzeichner*innen`, `Primi firmatari:` - names start after it."""
    text = _cue_text(line)
    if not text or len(text.split()) > 4:
        return False
    return text in SIGNATURE_CUES or bool(_CUE_STEMS.match(text)) or bool(_CUE_ORGS.match(text))


def inline_cue(line: str) -> str | None:
    """`Signed by: A, B, C` - the names after a cue on the same line, or None."""
    head, colon, rest = line.partition(":")
    if not colon or not rest.strip() or not is_cue(head):
        return None
    return rest.strip()


def is_label_phrase(text: str) -> bool:
    """Made only of group-label words: `Organisations`, `ACTIVISTS AND SURVIVORS`, `Einzelpersonen:`."""
    text = re.sub(r"^(\*\*|__|\*|_)(.+)\1$", r"\2", text.strip())
    text = re.sub(r"\(\s*\d+\s*\)", " ", text)  # "Organisations (2)"
    words = re.sub(r"[:：()\[\]]", " ", text.lower()).split()
    return 0 < len(words) <= 6 and all(word.strip(".,") in LABEL_WORDS for word in words) and any(
        word.strip(".,") not in {"and", "&", "of", "the", "by", "in", "other", "others"} for word in words
    )


@lru_cache(maxsize=32)
def _months(language: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for code in dict.fromkeys((language, "en")):
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    names[name.lower().rstrip(".")] = number
    return names


_DAY_MONTH_YEAR = re.compile(r"^(?:\w+,?\s+)?(\d{1,2})(?:st|nd|rd|th|er|\.|º)?\s+(?:de\s+|d'|of\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^(?:\w+,?\s+)?([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})\.?\s+([^\W\d_]+)\.?\s+(\d{1,2})\.?$")
_NUMERIC = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$|^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$")


def parse_date(text: str, language: str = "en") -> dt.date | None:
    """A date written out in the copy's language (`12 mars 2024`, `12. März 2024`, `May 11, 2022`)."""
    cleaned = re.sub(r"\s+", " ", text.strip().rstrip(".")).strip()
    try:
        numeric = _NUMERIC.match(cleaned)
        if numeric:
            if numeric.group(1):
                return dt.date(int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3)))
            return dt.date(int(numeric.group(6)), int(numeric.group(5)), int(numeric.group(4)))
        months = _months(language)
        cleaned = re.sub(r"^(?:den|le|el|il|am|o|a|dne)\s+", "", cleaned, flags=re.IGNORECASE)
        match = _YEAR_MONTH_DAY.match(cleaned)
        if match and match.group(2).lower() in months:
            return dt.date(int(match.group(1)), months[match.group(2).lower()], int(match.group(3)))
        match = _DAY_MONTH_YEAR.match(cleaned)
        if match and match.group(2).lower() in months:
            return dt.date(int(match.group(3)), months[match.group(2).lower()], int(match.group(1)))
        match = _MONTH_DAY_YEAR.match(cleaned)
        if match and match.group(1).lower() in months:
            return dt.date(int(match.group(3)), months[match.group(1).lower()], int(match.group(2)))
    except ValueError:
        return None
    return None


def starts_with_date(text: str, language: str = "en") -> bool:
    """A news teaser's date line: `27 November 2023 News`, `12 mars 2024 – Un autre article`,
    `12.03.2024 Neuer Bericht über Kinderarmut`. A date with a word or two after it that are not
    teaser words ("1 February 2024 Movement") is a name."""
    words = text.split()
    for n in (1, 2, 3, 4):
        if len(words) >= n and parse_date(" ".join(words[:n]), language):
            rest = [w.strip(".,:|·•-–—").lower() for w in words[n:]]
            rest = [w for w in rest if w]
            separated = len(words) > n and words[n][:1] in "–—-|:·•"
            return not rest or separated or len(rest) >= 4 or all(w in _TEASER_WORDS for w in rest)
    return False


@lru_cache(maxsize=32)
def _countries(language: str) -> frozenset[str]:
    names: set[str] = set()
    for code in dict.fromkeys((language, "en")):
        try:
            names.update(name.lower() for key, name in Locale.parse(code).territories.items() if key.isalpha())
        except (UnknownLocaleError, ValueError):
            continue
    return frozenset(names)


def is_country(text: str, language: str = "en") -> bool:
    """`Belgium`, `Deutschland`: a line that is only a country's name (Babel's territory names)."""
    return text.strip().strip(".,()").lower() in _countries(language)
