"""Words for people: plurals ("1 blocker", "4 blockers"), labels from keys, sentences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# Nouns whose plural is not the regular one.
_IRREGULAR = {
    "person": "people",
    "criterion": "criteria",
    "info": "info",
    "data": "data",
}
_VOWELS = frozenset("aeiou")
# Words of database keys and operation names that people write in capitals.
_ACRONYMS = frozenset(
    {"ai", "api", "csv", "dpia", "id", "it", "json", "pdf", "raci", "sla", "url"}
    | {f"sev{n}" for n in range(1, 5)}
)
# What the audit trail records for someone who set no name (see store.workspace.default_actor).
UNNAMED_ACTOR = "unknown"


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


def key_words(key: str) -> str:
    """A snake_case key in words, acronyms in capitals: "import_raci" -> "import RACI"."""
    return " ".join(w.upper() if w in _ACRONYMS else w for w in key.split("_") if w)


def field_label(field: str) -> str:
    """A column name as people say it: "approver_id" -> "approver", "go_live" -> "go live",
    "sev1_definition" -> "SEV1 definition"."""
    return key_words(field.removesuffix("_id").removesuffix("_ids"))


def as_sentence(text: str, keep: Iterable[str] = ()) -> str:
    """Text shown on its own, as a sentence: "nobody is Accountable…" -> "Nobody is…".

    Text that starts with one of ``keep`` (people's and teams' names) stays as typed:
    "de Vries is inactive" is a name, not a sentence's first word.
    """
    if not text[:1].islower() or any(name and text.startswith(name) for name in keep):
        return text
    return text[:1].upper() + text[1:]


def actor_name(actor: str) -> str:
    """Who made a change, for a reader: an honest phrase when they set no name."""
    actor = actor.strip()
    return actor if actor and actor != UNNAMED_ACTOR else "another user (no name set)"


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


def listed(words: Sequence[str]) -> str:
    """Words in running text: "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def noun_for(count: int, noun: str, plural_form: str | None = None) -> str:
    """``noun`` when ``count`` is one, its plural otherwise."""
    if count == 1:
        return noun
    return plural_form if plural_form is not None else plural(noun)


def count_of(count: int, noun: str, plural_form: str | None = None) -> str:
    """ "1 blocker", "4 blockers", "0 activities", "2 people"."""
    return f"{count} {noun_for(count, noun, plural_form)}"
