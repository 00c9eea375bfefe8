"""Words, numbers, phone numbers and identifiers are never broken in the middle."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import render
from pypdf import PdfReader


@pytest.fixture(scope="module")
def lines(demo_path: Path) -> list[str]:
    data, _ = render(demo_path, kind="portfolio")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return [line.replace("\xa0", " ").strip() for line in text.splitlines()]


def test_emails_phones_and_time_zones_print_whole_on_one_line(
    lines: list[str], demo_plan: Any
) -> None:
    joined = "\n".join(lines)
    flat = re.sub(r"\s+", "", joined)
    printed = 0
    for person in demo_plan.people.values():
        for value in (person.email, person.phone, person.timezone):
            if value and re.sub(r"\s+", "", value) in flat:  # printed somewhere...
                printed += 1
                assert value in joined, value  # ...and never across two lines
    assert printed > 20


@pytest.mark.parametrize("word", ["Approved", "Information", "Responsible", "Accountable"])
def test_ordinary_words_are_not_split(lines: list[str], word: str) -> None:
    # A broken word leaves a line ending in its head, the next starting with its tail.
    for cut in range(3, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        for first, second in zip(lines, lines[1:], strict=False):
            assert not (first.endswith(head) and re.match(rf"{tail}\b", second)), (first, second)


def test_the_signing_statement_stays_with_a_signature_block(demo_path: Path) -> None:
    data, _ = render(demo_path, kind="portfolio")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    statements = [text for text in pages if "By signing, I confirm" in text]
    assert statements
    for text in statements:
        assert "Signature" in text.split("By signing, I confirm")[1]


def test_the_legend_names_the_marks_in_words(demo_path: Path) -> None:
    data, _ = render(demo_path, kind="pack", systems=["Claims Triage"])
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "(marked MISSING or OVERDUE, in red)" in text
