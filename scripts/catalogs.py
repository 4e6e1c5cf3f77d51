#!/usr/bin/env python3
"""Keep the gettext catalogs in step with the code (Babel; see babel.cfg).

    python scripts/catalogs.py extract   # routing/locale/messages.pot from the code and templates
    python scripts/catalogs.py update    # merge the .pot into every .po (new texts untranslated)
    python scripts/catalogs.py compile   # every .po to its .mo (what the service loads)
    python scripts/catalogs.py check     # exit 1 if a .mo is missing or older than its .po

Translations are written in ``routing/locale/<lang>/LC_MESSAGES/messages.po`` (msgids are
English, with ``{name}`` placeholders that must stay as they are). The ``.mo`` files are
committed, so a fresh clone needs no compile step; ``tests/test_i18n.py`` fails when one is
stale or a catalog is incomplete.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from routing.i18n import LANGS, LOCALE_DIR

__all__ = ["compile_catalog", "main", "po_path"]

ROOT = Path(__file__).resolve().parents[1]
POT = LOCALE_DIR / "messages.pot"


def po_path(lang: str) -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


def compile_catalog(lang: str) -> bytes:
    """The ``.mo`` bytes of ``lang``'s ``.po`` (fuzzy entries left out, as gettext does).
    Read without a CLDR locale: Babel has none for Tetun, and the .po's Plural-Forms header
    is what gettext uses."""
    import io

    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=None)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT,
                   check=True)


def main(argv: list[str]) -> int:
    """Run one command; returns the exit status."""
    command = argv[0] if argv else ""
    if command == "extract":
        _pybabel("extract", "-F", "babel.cfg", "-k", "msg", "-k", "nmsg:1,2", "--no-location",
                 "--omit-header", "--sort-output", "--width", "100", "-o", str(POT), ".")
    elif command == "update":
        for lang in LANGS:
            _pybabel("update", "-i", str(POT), "-o", str(po_path(lang)), "-l", "id",
                     "--no-location", "--omit-header", "--width", "100", "--no-fuzzy-matching")
    elif command == "compile":
        for lang in LANGS:
            po_path(lang).with_suffix(".mo").write_bytes(compile_catalog(lang))
    elif command == "check":
        stale = [lang for lang in LANGS if not po_path(lang).with_suffix(".mo").exists()
                 or po_path(lang).with_suffix(".mo").read_bytes() != compile_catalog(lang)]
        if stale:
            print(f"stale or missing .mo: {', '.join(stale)} (run: python scripts/catalogs.py "
                  "compile)", file=sys.stderr)
            return 1
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
