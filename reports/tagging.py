"""The PDF's structure tree as a screen reader needs it: one element per section, not per page.

WeasyPrint tags the PDF (pdf/ua-1) page by page: an element that runs over three pages becomes
three sibling structure elements (the report's <article> was one "Art" per page), a table's
repeated header is read again on every page, and header cells carry no /Scope. A reader then
hears the report in page-sized pieces. This finishes the tree once WeasyPrint has built it
(`write_pdf(finisher=...)`, its documented hook before the file is written): the pieces of one
HTML element are joined into one structure element, a table's repeated header is kept once, and
each header cell gets the scope its HTML gives (ADR 14).

WeasyPrint does not say which HTML element a structure element came from, so while it builds the
tree `recording_sources` notes it: WeasyPrint's tree builder is wrapped for the duration of one
`write_pdf` call (the worker renders one report at a time per process).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pydyf

# A structure element's source: its HTML element, or None for text and WeasyPrint's own.
Sources = dict[int, tuple[pydyf.Dictionary, object]]
SCOPES = {"col": "/Column", "row": "/Row", "colgroup": "/Column", "rowgroup": "/Row"}


@contextmanager
def recording_sources() -> Iterator[Sources]:
    """Note each structure element's HTML element while WeasyPrint tags the document."""
    from weasyprint.layout.absolute import AbsolutePlaceholder
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    sources: Sources = {}

    def recording(box, parent, *args):
        inner = box._box if isinstance(box, AbsolutePlaceholder) else box
        for element in original(box, parent, *args):
            # The innermost call yields an element first: keep what it says.
            sources.setdefault(id(element), (element, inner.element))
            yield element

    tags._build_box_tree = recording
    try:
        yield sources
    finally:
        tags._build_box_tree = original


class _Tree:
    def __init__(self, pdf: pydyf.PDF, sources: Sources) -> None:
        self.objects = {obj.reference: obj for obj in pdf.objects if hasattr(obj, "reference")}
        self.by_reference = {
            ref: obj
            for ref, obj in self.objects.items()
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem"
        }
        self.source = {
            ref: sources.get(id(obj), (None, None))[1] for ref, obj in self.by_reference.items()
        }
        self.moved: dict[bytes, bytes] = {}

    def element(self, kid) -> pydyf.Dictionary | None:
        return self.by_reference.get(kid) if isinstance(kid, bytes) else None

    def _same_source(self, first: bytes, second: bytes) -> bool:
        source = self.source.get(first)
        return source is not None and source is self.source.get(second)

    def _absorb(self, into: pydyf.Dictionary, piece: pydyf.Dictionary) -> None:
        """`piece`, a later page's part of `into`'s element, joins it."""
        for kid in piece["K"]:
            if isinstance(kid, int):
                # Marked content is on the piece's page, which is no longer the element's.
                kid = pydyf.Dictionary({"Type": "/MCR", "Pg": piece["Pg"], "MCID": kid})
            elif (child := self.element(kid)) is not None:
                child["P"] = into.reference
            into["K"].append(kid)
        self.moved[piece.reference] = into.reference

    def _without_repeated_headers(self, kids: list) -> list:
        """A table header repeated on a continuation page is drawn again, not read again."""
        seen, kept = set(), []
        for kid in kids:
            element, source = self.element(kid), self.source.get(kid)
            if element is not None and element["S"] == "/THead" and source is not None:
                if id(source) in seen:
                    continue
                seen.add(id(source))
            kept.append(kid)
        return kept

    def join(self, node: pydyf.Dictionary) -> None:
        kids = self._without_repeated_headers(list(node["K"]))
        joined: list = []
        for kid in kids:
            element, previous = self.element(kid), joined[-1] if joined else None
            if (
                element is not None
                and self.element(previous) is not None
                and self._same_source(previous, kid)
                and self.element(previous)["Pg"] != element["Pg"]
            ):
                self._absorb(self.element(previous), element)
                continue
            joined.append(kid)
        node["K"] = pydyf.Array(joined)
        for kid in joined:
            if (element := self.element(kid)) is not None:
                self._scope(kid, element)
                self.join(element)

    def _scope(self, reference: bytes, element: pydyf.Dictionary) -> None:
        source = self.source.get(reference)
        if element["S"] == "/TH" and source is not None:
            scope = SCOPES.get(source.get("scope", "col"), "/Column")
            element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope

    def remap(self, reference):
        while reference in self.moved:
            reference = self.moved[reference]
        return reference


def finisher(sources: Sources) -> Callable[[object, pydyf.PDF], None]:
    """WeasyPrint's `finisher`: join the pieces of the structure tree before the file is written."""

    def finish(document, pdf: pydyf.PDF) -> None:
        if "StructTreeRoot" not in pdf.catalog:
            return
        tree = _Tree(pdf, sources)
        root = tree.objects[pdf.catalog["StructTreeRoot"]]
        for kid in root["K"]:
            tree.join(tree.by_reference[kid])
        # The parent tree maps marked content and annotations to their structure elements.
        parent_tree = tree.objects[root["ParentTree"]]
        nums = parent_tree["Nums"]
        for index in range(1, len(nums), 2):
            value = nums[index]
            if isinstance(value, pydyf.Array):
                nums[index] = pydyf.Array(tree.remap(ref) for ref in value)
            else:
                nums[index] = tree.remap(value)

    return finish
