#!/usr/bin/env python3
"""Vendor the Noto fonts the kiosk needs for Thai, Khmer, Lao, Burmese, Tamil and Chinese
into ``app/kiosk/static/fonts/`` and write ``app/kiosk/static/fonts.css``.

    npm pack @fontsource/noto-sans-{thai,khmer,lao,myanmar,tamil}   # then tar xzf each
    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb cjk
    python scripts/vendor_fonts.py --fontsource DIR --cjk cjk/usr/share/fonts/opentype/noto

Sources and licences (all SIL Open Font License 1.1, copied to ``fonts/OFL-*.txt``):
the five script fonts are @fontsource's woff2 files (regular and bold, one script subset
each, 9-48 kB); Chinese is Debian's ``fonts-noto-cjk`` Noto Sans CJK SC, subset with
fontTools to the characters of the ``zh`` catalog, the venues file, the sample events and
the language names,
plus ASCII (about 100 kB; re-run after changing those texts: ``tests/i18n/test_catalogs.py``
fails when a character is missing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "app" / "kiosk" / "static" / "fonts"
CSS = ROOT / "app" / "kiosk" / "static" / "fonts.css"
#: (fontsource package, its subset name, CSS family, CSS unicode-range)
SCRIPTS = [
    ("noto-sans-thai", "thai", "Noto Sans Thai", "U+0E01-0E5B,U+200C-200D,U+25CC"),
    ("noto-sans-khmer", "khmer", "Noto Sans Khmer", "U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC"),
    ("noto-sans-lao", "lao", "Noto Sans Lao", "U+0E81-0EDF,U+200C-200D,U+25CC"),
    ("noto-sans-myanmar", "myanmar", "Noto Sans Myanmar",
     "U+1000-109F,U+200C-200D,U+25CC,U+A9E0-A9FE,U+AA60-AA7F"),
    ("noto-sans-tamil", "tamil", "Noto Sans Tamil", "U+0B82-0BFA,U+200C-200D,U+25CC"),
]
CJK_FAMILY = "Noto Sans SC"
CJK_FACE = 2          # index of "Noto Sans CJK SC" in Debian's NotoSansCJK-*.ttc
__all__ = ["cjk_text", "main"]


def cjk_text() -> str:
    """Every character the kiosk may show in Chinese: the zh catalog, the venues' texts, the
    sample events and the language names, plus printable ASCII and CJK punctuation."""
    from babel.messages.pofile import read_po

    from routing.i18n import LANG_NAMES

    parts: list[str] = []
    with (ROOT / "routing/locale/zh/LC_MESSAGES/messages.po").open("rb") as handle:
        for message in read_po(handle, locale=None):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            parts.extend(str(s) for s in strings if s)
    venues = json.loads((ROOT / "data/venues.json").read_text(encoding="utf-8"))
    parts.append(json.dumps(venues, ensure_ascii=False))
    parts.append((ROOT / "data/events/sample.ics").read_text(encoding="utf-8"))
    parts.extend(LANG_NAMES.values())  # the language bar
    parts.append("".join(chr(c) for c in range(0x20, 0x7F)) + "，。：；（）“”、·→")
    return "".join(sorted({c for c in "".join(parts) if ord(c) >= 0x20}))


def _subset_cjk(ttc: Path, out: Path, text: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(ttc, fontNumber=CJK_FACE)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(out)


def _face(family: str, weight: int, file: str, unicode_range: str | None) -> str:
    rng = f"\n  unicode-range: {unicode_range};" if unicode_range else ""
    return (f"@font-face {{\n  font-family: '{family}';\n  font-style: normal;\n"
            f"  font-weight: {weight};\n  font-display: swap;\n"
            f"  src: url(fonts/{file}) format('woff2');{rng}\n}}\n")


def main(argv: list[str] | None = None) -> int:
    """Copy and subset the fonts; write fonts.css."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fontsource", type=Path, required=True,
                        help="folder holding the unpacked @fontsource packages (each a "
                        "fontsource-<name>-<version>/package folder)")
    parser.add_argument("--cjk", type=Path, required=True,
                        help="folder holding NotoSansCJK-Regular.ttc and -Bold.ttc")
    args = parser.parse_args(argv)
    FONTS.mkdir(parents=True, exist_ok=True)
    css = ["/* Noto fonts for the scripts the kiosk shows (SIL OFL 1.1, see fonts/OFL-*.txt);",
           "   made by scripts/vendor_fonts.py. Each loads only when its characters appear. */\n"]
    for package, subset_name, family, unicode_range in SCRIPTS:
        found = sorted(args.fontsource.glob(f"fontsource-{package}-*/package"))
        if not found:
            parser.error(f"no unpacked @fontsource/{package} under {args.fontsource}")
        pkg = found[-1]
        for weight in (400, 700):
            name = f"{package}-{weight}.woff2"
            shutil.copyfile(pkg / "files" / f"{package}-{subset_name}-{weight}-normal.woff2",
                            FONTS / name)
            css.append(_face(family, weight, name, unicode_range))
        shutil.copyfile(pkg / "LICENSE", FONTS / f"OFL-{package}.txt")
    text = cjk_text()
    for weight, source in ((400, "NotoSansCJK-Regular.ttc"), (700, "NotoSansCJK-Bold.ttc")):
        name = f"noto-sans-sc-subset-{weight}.woff2"
        _subset_cjk(args.cjk / source, FONTS / name, text)
        css.append(_face(CJK_FAMILY, weight, name, None))
    families = ", ".join(f'"{family}"' for _, _, family, _ in SCRIPTS)
    css.append(f':root {{ --scripts: {families}, "{CJK_FAMILY}"; }}\n')
    CSS.write_text("\n".join(css), encoding="utf-8")
    (FONTS / "OFL-noto-sans-cjk.txt").write_text(_cjk_licence(args.cjk), encoding="utf-8")
    for path in sorted(FONTS.iterdir()):
        print(f"{path.stat().st_size:>9,}  {path.relative_to(ROOT)}")
    return 0


def _cjk_licence(folder: Path) -> str:
    """Noto CJK's licence: the OFL text from one of the @fontsource packages (the same
    licence, version 1.1) under the CJK fonts' copyright line."""
    ofl = (FONTS / "OFL-noto-sans-thai.txt").read_text(encoding="utf-8")
    body = ofl.split("\n", 1)[1] if ofl.startswith("Copyright") else ofl
    return ("Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name "
            "'Source'.\nNoto Sans CJK SC, from Debian's fonts-noto-cjk package "
            "(https://github.com/notofonts/noto-cjk), subset by scripts/vendor_fonts.py.\n"
            + body)


if __name__ == "__main__":
    sys.exit(main())
