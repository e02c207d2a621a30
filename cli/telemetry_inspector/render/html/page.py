"""The page shell shared by every view: the template environment, the CSP and embedded JSON."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import orjson
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

# Inside a <script> element the HTML parser ends the element at `</script` and changes state at
# `<!--`; JSON text never needs `<`, `>` or `&` outside strings, so escaping them in strings keeps
# both out. U+2028/2029 are escaped too: valid in JSON, line ends in older JavaScript.
_IN_SCRIPT = {
    b"<": b"\\u003c",
    b">": b"\\u003e",
    b"&": b"\\u0026",
    "\u2028".encode(): b"\\u2028",
    "\u2029".encode(): b"\\u2029",
}


def embed_json(value: Any) -> Markup:
    """`value` as JSON text that is safe inside `<script type="application/json">`."""
    try:
        data = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:  # a lone surrogate (a catalog may spell one: "\ud800"): escaped, as JS does
        data = json.dumps(value, separators=(",", ":")).encode("ascii")
    for raw, escaped in _IN_SCRIPT.items():
        data = data.replace(raw, escaped)
    return Markup(data.decode("utf-8"))


# Control characters and bidirectional overrides would act on the page instead of showing (text
# displayed in another order than it is stored): every string a template prints spells them out.
# The page's scripts do the same for what they draw (catalog.js `shown`).
# A lone surrogate (from a "\ud800" escape, or a file name that is not UTF-8) cannot be written
# as UTF-8 at all: it is spelled too.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _spell(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(value: Any) -> Any:
    """What a template prints: our own markup as it is, any other string with its control and
    bidi characters spelled (then autoescaped)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _UNSAFE.sub(_spell, value)
    return value


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("telemetry_inspector.render.html", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=visible,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def asset(name: str) -> str:
    """One of our own inline scripts or style sheets (templates/assets/NAME)."""
    folder = resources.files("telemetry_inspector.render.html") / "templates" / "assets"
    return (folder / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(
    template: str, *, scripts: tuple[str, ...], styles: tuple[str, ...], **context: Any
) -> str:
    """A whole page: `template` with the named assets inline and a CSP that allows exactly them."""
    script_texts = [asset(name) for name in scripts]
    style_texts = [asset(name) for name in styles]
    csp = "; ".join(
        (
            "default-src 'none'",
            "script-src " + (" ".join(map(_sha256, script_texts)) or "'none'"),
            "style-src " + (" ".join(map(_sha256, style_texts)) or "'none'"),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return (
        _environment()
        .get_template(template)
        .render(
            csp=csp,
            scripts=[Markup(text) for text in script_texts],
            styles=[Markup(text) for text in style_texts],
            **context,
        )
    )
