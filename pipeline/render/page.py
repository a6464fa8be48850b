"""Self-contained HTML pages: one shell (inline CSS and script, no network) shared by every page we write."""
from __future__ import annotations

import html

META_CSS = ".meta{color:#555;font-size:.85rem}"  # small grey print: page links, counts, notes
HIDDEN_CSS = ".hidden{display:none!important}\n"  # what a page's filters hide
BASE_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1a1a1a;line-height:1.45}
a{color:#005f68}h1{color:#007882;margin:.2rem 0}""" + META_CSS + """
header.top{padding:.8rem 1rem .2rem;border-bottom:2px solid #007882}
.toolbar{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:center;padding:.4rem 1rem;background:#fff;
position:sticky;top:0;z-index:2;border-bottom:1px solid #d0d7d8}
.toolbar input[type=search]{padding:.3rem .5rem;min-width:14rem;max-width:100%;font:inherit}
.star{color:#b8860b}
button{font:inherit;cursor:pointer}
"""


def escape(text: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def page(title: str, body: str, css: str = "", script: str = "", language: str = "nl") -> str:
    """A whole HTML document in `language` readable on a phone width; `css` and `script` are inlined."""
    return (f"<!DOCTYPE html>\n<html lang=\"{escape(language)}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{BASE_CSS}{css}</style></head>\n<body>\n{body}\n"
            + (f"<script>{script}</script>\n" if script else "") + "</body></html>\n")
