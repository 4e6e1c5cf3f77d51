"""Languages: gettext catalogs (``routing/locale/<lang>/LC_MESSAGES/messages.mo``, made from
the ``.po`` files with Babel) and CLDR number and fare formats, for every text a person reads.

Routing code never renders text for one language: it builds :class:`Message` objects (a
msgid, its parameters and, for counted texts, a plural form) that render in any language on
demand (``message.render("th")``, or ``message["th"]`` since a Message is a read-only mapping
of language to text). Catalog msgids are English with ``{name}`` placeholders (str.format).
Integers among the parameters are formatted in the language's CLDR number format
(1.200 in Indonesian, 1,200 in English); Messages among the parameters render in the same
language. No web imports: this module serves the API, the kiosk and the CLI alike.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import format_currency, format_decimal

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LANG_NAMES",
    "LOCALE_DIR",
    "Message",
    "format_fare",
    "format_number",
    "gettext_for",
    "msg",
    "negotiate",
    "nmsg",
    "render",
    "translate",
]

#: Catalog languages, the default (Indonesian) first: the ASEAN members' languages.
LANGS: tuple[str, ...] = ("id", "en", "ms", "fil", "th", "vi", "km", "lo", "my", "tet",
                          "zh", "ta")
DEFAULT_LANG = "id"
#: Each language in its own words, for language pickers.
LANG_NAMES: dict[str, str] = {
    "id": "Bahasa Indonesia", "en": "English", "ms": "Bahasa Melayu", "fil": "Filipino",
    "th": "ไทย", "vi": "Tiếng Việt", "km": "ខ្មែរ", "lo": "ລາວ", "my": "မြန်မာ",
    "tet": "Tetun", "zh": "中文", "ta": "தமிழ்",
}
#: The CLDR locale whose number formats a language uses (CLDR has no Tetun: Timor-Leste's
#: Portuguese formats, as used in Dili; Chinese: simplified, as in Singapore and Malaysia).
_CLDR = {"tet": "pt_TL", "zh": "zh_Hans_SG"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


@lru_cache(maxsize=len(LANGS))
def _translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (msgids are English: ``en`` needs none)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def gettext_for(lang: str) -> gettext.NullTranslations:
    """The gettext translations of ``lang`` (one of :data:`LANGS`; ValueError otherwise)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGS)}")
    return _translations(lang)


@lru_cache(maxsize=len(LANGS))
def _locale(lang: str) -> Locale:
    return Locale.parse(_CLDR.get(lang, lang))


def format_number(value: float, lang: str) -> str:
    """``value`` in the language's CLDR decimal format (``1.234`` id, ``1,234`` en)."""
    return format_decimal(value, locale=_locale(lang))


def format_fare(amount_idr: int, lang: str) -> str:
    """A rupiah amount in the language's currency format, whole rupiah, the symbol set off by
    a no-break space: ``Rp 3.500`` (id), ``IDR 3,500`` (en), ``3.500 IDR`` (vi)."""
    pattern = _locale(lang).currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace(".00", "")
    if pattern.startswith("¤") and not pattern.startswith("¤\xa0"):
        pattern = "¤\xa0" + pattern[1:]
    elif pattern.endswith("¤") and not pattern.endswith("\xa0¤"):
        pattern = pattern[:-1] + "\xa0¤"
    return format_currency(amount_idr, "IDR", format=pattern, locale=_locale(lang),
                           currency_digits=False)


def translate(text: str, lang: str) -> str:
    """The catalog's translation of msgid ``text`` in ``lang`` (``text`` itself if absent)."""
    return gettext_for(lang).gettext(text)


def _value(value: Any, lang: str) -> str:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    return str(value)


@dataclass(frozen=True)
class Message(Mapping[str, str]):
    """A text for people in any of :data:`LANGS`, rendered when asked.

    ``msgid`` is the English catalog key with ``{name}`` placeholders filled from ``params``;
    with ``plural`` set, ``count`` picks the form (gettext ``ngettext``) and is available as
    ``{count}``. As a mapping, ``message[lang]`` is its text in ``lang``."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None

    def render(self, lang: str) -> str:
        """The text in ``lang`` (unknown languages: ValueError)."""
        catalog = gettext_for(lang)
        if self.plural is not None:
            template = catalog.ngettext(self.msgid, self.plural, int(self.count or 0))
        else:
            template = catalog.gettext(self.msgid)
        values = {k: _value(v, lang) for k, v in self.params.items()}
        if self.count is not None:
            values.setdefault("count", format_number(self.count, lang))
        return template.format(**values)

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        return self.render(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def __str__(self) -> str:
        return self.render("en")

    def __hash__(self) -> int:
        return hash((self.msgid, tuple(sorted((k, str(v)) for k, v in self.params.items())),
                     self.plural, self.count))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return (self.msgid, dict(self.params), self.plural, self.count) == (
                other.msgid, dict(other.params), other.plural, other.count)
        return NotImplemented


def msg(msgid: str, **params: Any) -> Message:
    """A Message; ``msg`` is also the extraction keyword (``babel.cfg``)."""
    return Message(msgid, params)


def nmsg(singular: str, plural: str, count: int, **params: Any) -> Message:
    """A counted Message (``{count}`` is the number, in the language's format)."""
    return Message(singular, params, plural, int(count))


def render(text: str | Message | Mapping[str, str], lang: str) -> str:
    """Any text in ``lang``: a Message renders, a plain mapping gives ``lang`` (else English,
    else Indonesian, else its first text), a str is shown as it is."""
    if isinstance(text, Message):
        return text.render(lang)
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("en") or text.get("id") or next(iter(text.values()), "")


def negotiate(accept_language: str | None) -> str | None:
    """The best of :data:`LANGS` for an ``Accept-Language`` header (RFC 9110 12.5.4: quality
    values, a region or script tag matches its language, ``tl`` is taken as Filipino), or
    None when the header names none of them."""
    if not accept_language:
        return None
    wanted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        rest = rest.strip()
        if rest.startswith("q="):
            try:
                quality = float(rest[2:])
            except ValueError:
                quality = 0.0
        base = tag.strip().lower().replace("_", "-").split("-")[0]
        base = {"tl": "fil", "in": "id", "zsm": "ms", "tdt": "tet"}.get(base, base)
        if base in LANGS and quality > 0:
            wanted.append((-quality, position, base))
    return min(wanted)[2] if wanted else None
