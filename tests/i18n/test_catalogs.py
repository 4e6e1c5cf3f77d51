"""The gettext catalogs: complete (no untranslated or fuzzy message) in every language, the
same {placeholders} as their msgid, compiled .mo up to date, and in step with the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from routing.i18n import LANGS, LOCALE_DIR, Message, format_fare, msg, negotiate, nmsg
from scripts.catalogs import compile_catalog, po_path

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def _catalog(lang: str):
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=None)


def _fields(text: str) -> set[str]:
    return set(FIELD.findall(text))


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_placeholders_match(lang: str) -> None:
    catalog = _catalog(lang)
    messages = [m for m in catalog if m.id]
    assert len(messages) >= 75
    problems = []
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
            continue
        wanted = _fields(ids[-1]) | _fields(ids[0])
        for text in strings:
            if _fields(text) != wanted:
                problems.append(f"{ids[0]!r}: {_fields(text)} != {wanted} in {text!r}")
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_is_current(lang: str) -> None:
    mo = po_path(lang).with_suffix(".mo")
    assert mo.exists() and mo.read_bytes() == compile_catalog(lang), (
        "run: python scripts/catalogs.py compile")


def test_every_message_of_the_code_is_in_the_catalogs(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "-k", "msg", "-k", "nmsg:1,2", "--no-location",
                    "-o", str(pot), "."], cwd=ROOT, check=True,
                   capture_output=True)
    with pot.open("rb") as handle:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    with (LOCALE_DIR / "messages.pot").open("rb") as handle:
        committed = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle)
                     if m.id}
    assert wanted - committed == set(), "run: python scripts/catalogs.py extract && update"
    for lang in LANGS:
        have = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(lang) if m.id}
        assert wanted <= have, (lang, wanted - have)


def test_messages_render_in_every_language_with_local_numbers() -> None:
    walk = msg("Walk {distance} m ({minutes} min) to {place}", distance=1250, minutes=15,
               place="Halte CSW 2")
    assert walk["en"] == "Walk 1,250 m (15 min) to Halte CSW 2"
    assert walk["id"] == "Jalan kaki 1.250 m (15 menit) ke Halte CSW 2"
    assert "Halte CSW 2" in walk["th"] and "เดิน" in walk["th"]
    assert set(walk) == set(LANGS) and all(walk[lang] for lang in LANGS)
    stops = nmsg("{count} transfer", "{count} transfers", 2)
    assert (stops["en"], stops["ta"]) == ("2 transfers", "2 மாற்றங்கள்")
    assert nmsg("{count} transfer", "{count} transfers", 1)["en"] == "1 transfer"
    with pytest.raises(KeyError):
        walk["fr"]
    assert str(Message("No journey found.")) == "No journey found."


def test_fares_in_the_locale_format() -> None:
    assert format_fare(3500, "id") == "Rp\xa03.500"
    assert format_fare(3500, "en") == "IDR\xa03,500"
    assert format_fare(14000, "vi") == "14.000\xa0IDR"
    assert all("3" in format_fare(3500, lang) for lang in LANGS)


@pytest.mark.parametrize(("header", "lang"), [
    ("th-TH,th;q=0.9,en;q=0.8", "th"), ("fr-FR, en;q=0.5", "en"), ("tl-PH", "fil"),
    ("zh-Hans-CN", "zh"), ("ms;q=0.2, vi;q=0.9", "vi"), ("fr, de", None), ("", None),
    ("en;q=0, km", "km"), ("x;q=abc", None),
])
def test_accept_language_negotiation(header: str, lang: str | None) -> None:
    assert negotiate(header) == lang


def test_chinese_font_subset_covers_every_chinese_text() -> None:
    from fontTools.ttLib import TTFont

    from scripts.vendor_fonts import FONTS, cjk_text

    wanted = {ch for ch in cjk_text() if ord(ch) >= 0x2E80}
    for weight in (400, 700):
        font = TTFont(FONTS / f"noto-sans-sc-subset-{weight}.woff2")
        missing = wanted - {chr(c) for c in font.getBestCmap()}
        assert missing == set(), "re-run scripts/vendor_fonts.py"
    for path in FONTS.glob("*.woff2"):
        assert path.stat().st_size < 200_000
    assert len(list(FONTS.glob("OFL-*.txt"))) == 6
