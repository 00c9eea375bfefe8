"""Words for people: one place for plurals, so counts read "1 blocker" and "4 blockers"."""

from __future__ import annotations

# Nouns whose plural is not the regular one.
_IRREGULAR = {
    "person": "people",
    "criterion": "criteria",
    "info": "info",
    "data": "data",
}
_VOWELS = frozenset("aeiou")


def plural(noun: str) -> str:
    """The plural of an English noun as this app uses them ("activity" -> "activities")."""
    last = noun.rsplit(" ", 1)[-1]
    head = noun[: len(noun) - len(last)]
    lower = last.lower()
    if lower in _IRREGULAR:
        word = _IRREGULAR[lower]
        return head + (word.capitalize() if last[:1].isupper() else word)
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return head + last[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return head + last + "es"
    return head + last + "s"


def field_label(field: str) -> str:
    """A column name as people say it: "approver_id" -> "approver", "go_live" -> "go live"."""
    name = field.removesuffix("_id").removesuffix("_ids")
    return name.replace("_", " ")


def in_running_text(label: str) -> str:
    """A label inside a sentence: lower case, except acronyms ("IT operations", "DPIA")."""
    return " ".join(
        w if w.isupper() or any(c.isdigit() for c in w) else w.lower() for w in label.split()
    )


def lower_first(text: str) -> str:
    """A sentence continued after a colon: "Add AI system 'X'" -> "add AI system 'X'".

    Only the first word is lowered, and not when it is an acronym; names stay as typed.
    """
    first, space, rest = text.partition(" ")
    return in_running_text(first) + space + rest


def noun_for(count: int, noun: str, plural_form: str | None = None) -> str:
    """``noun`` when ``count`` is one, its plural otherwise."""
    if count == 1:
        return noun
    return plural_form if plural_form is not None else plural(noun)


def count_of(count: int, noun: str, plural_form: str | None = None) -> str:
    """ "1 blocker", "4 blockers", "0 activities", "2 people"."""
    return f"{count} {noun_for(count, noun, plural_form)}"
