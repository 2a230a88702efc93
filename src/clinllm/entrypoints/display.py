"""Names from the outside world (file names, client ids) made safe to show on a terminal.

A file name may hold anything but ``/`` and NUL: escape sequences that recolour, move the
cursor or retitle the terminal, bidirectional overrides that make ``fax‮fdp.exe`` read as
something else, and Rich markup (``[/]``, ``[link=...]``) that Rich would interpret — or fail on
— when the name is printed in a table, a progress line or a message. Every name the command
line shows goes through :func:`shown` (plain text) or :func:`cell` (a Rich renderable).
"""

from __future__ import annotations

import unicodedata

from rich.markup import escape
from rich.text import Text

__all__ = ["cell", "markup", "shown"]

#: Unicode categories that do not print: controls (C0, C1, DEL) and format characters
#: (bidirectional overrides and isolates, zero-width characters).
_UNPRINTABLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(name: str) -> str:
    r"""``name`` with every unprintable character written as an escape (``\x1b``, ``\u202e``).

    Printable text, accents and other scripts included, is kept as it is; a backslash is
    doubled so an escape in the output is never ambiguous with one in the name.
    """
    out = []
    for char in name:
        if char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char) in _UNPRINTABLE:
            out.append(_escaped(char))
        else:
            out.append(char)
    return "".join(out)


def cell(name: str) -> Text:
    """``name`` as Rich text: escaped by :func:`shown`, and never read as Rich markup."""
    return Text(shown(name))


def markup(name: str) -> str:
    """``name`` escaped by :func:`shown`, for a place that reads Rich markup (progress lines)."""
    return escape(shown(name))
