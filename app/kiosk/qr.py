"""QR codes as inline SVG, drawn locally with segno (no network, no image service)."""

from __future__ import annotations

import segno

__all__ = ["qr_svg"]


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An inline ``<svg>`` (no XML declaration or namespace) encoding ``url``; dark on white
    with the quiet zone the standard asks for, so cheap phone cameras read it."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=scale, border=4, dark="#000", light="#fff",
                           omitsize=True, title="QR")
