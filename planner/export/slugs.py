"""Machine names made from user text (Terraform resource names, Backstage entity names)."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")
# Latin letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)


def slugify(text: str, *, separator: str = "-", limit: int = 63, fallback: str = "x") -> str:
    """Lower-case ASCII letters and digits joined by ``separator``: "Zoë Haugen" -> "zoe-haugen".

    Letters with accents lose them; text with no Latin letter at all (e.g. "王芳") gives
    ``fallback``, which callers make unique.
    """
    plain = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_text = plain.encode("ascii", "ignore").decode()
    slug = _NOT_ALLOWED.sub(separator, ascii_text.lower()).strip(separator)
    return slug[:limit].rstrip(separator) or fallback


class SlugRegistry:
    """Hands out distinct slugs: a second "Dana Lee" becomes "dana-lee-2"."""

    def __init__(self, *, separator: str = "-", limit: int = 63) -> None:
        self.separator = separator
        self.limit = limit
        self.taken: set[str] = set()
        self.given: dict[str, str] = {}

    def slug(self, key: str, text: str, *, fallback: str = "x") -> str:
        """The slug for ``key`` (the same key always gets the same slug)."""
        if key in self.given:
            return self.given[key]
        base = slugify(text, separator=self.separator, limit=self.limit - 4, fallback=fallback)
        slug = base
        number = 2
        while slug in self.taken:
            slug = f"{base}{self.separator}{number}"
            number += 1
        self.taken.add(slug)
        self.given[key] = slug
        return slug
