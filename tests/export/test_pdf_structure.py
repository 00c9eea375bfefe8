"""The PDF package keeps its shape: short functions, one document class per kind."""

from __future__ import annotations

import ast
from pathlib import Path

import planner.export.pdf as pdf_package

PACKAGE = Path(pdf_package.__file__).parent


def test_no_function_in_the_pdf_package_is_over_60_lines() -> None:
    long = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    long.append(f"{path.name}:{node.name} ({length} lines)")
    assert not long


def test_each_kind_of_pdf_is_a_document_class() -> None:
    from planner.export.pdf.document import PdfDocument
    from planner.export.pdf.oncall import OncallCards
    from planner.export.pdf.portfolio import PortfolioPack
    from planner.export.pdf.system_pack import SystemPack

    for kind in (SystemPack, PortfolioPack, OncallCards):
        assert issubclass(kind, PdfDocument)
        assert kind.story is not PdfDocument.story
        assert kind.metadata is not PdfDocument.metadata
