"""The skeleton every PDF shares: stylesheet, page templates with header and footer, story, build.

One pass of layout only. "Page X of Y" and the contents page's page numbers are PDF forms
that are referenced while pages are drawn and filled in just before the file is saved, so
no second layout pass is needed and bookmarks keep pointing at the right pages.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFArray,
    PDFBase85Encode,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFPage,
    PDFStream,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from planner import APP_NAME, __version__
from planner.export.pdf.fonts import REGULAR, draw_text, markup, register_fonts
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import (
    FOOTER,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    HEADER,
    MARGIN,
    PAGE,
    ContentsEntry,
    KeepWithStart,
    LayoutProgress,
    Para,
    Progress,
    headings_into_blocks,
)
from planner.export.pdf.styles import Styles

FOOTER_GREY = colors.HexColor("#555555")
LEADER_GREY = colors.HexColor("#8A8A8A")


def _timestamp(day: dt.date) -> TimeStamp:
    """reportlab's creation time stamp, set to midnight UTC of ``day``."""
    stamp = TimeStamp(invariant=1)
    epoch = calendar.timegm(day.timetuple())
    stamp.t = epoch
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class _PageStream(PDFStream):  # type: ignore[misc]  # reportlab is untyped
    """A page's compressed drawing commands, let go of once written into the file.

    reportlab writes every object into a list of byte strings before joining them into
    the file; a stream kept its bytes to the end, so each page was in memory twice.
    """

    def format(self, document: object) -> bytes:
        data: bytes = super().format(document)
        self.content = None  # each object is written once; the list holds the bytes
        return data


def _encode_last_page(canv: Canvas) -> None:
    """Compress the page just finished now, not when the file is saved.

    reportlab keeps every page's drawing commands as text until save: about 10 KB a
    page, 230 MB for a 2,000-system portfolio. Encoded as reportlab would encode it at
    save (same filters, same bytes), a page keeps a fifth of that.
    """
    page = canv._doc.Pages.pages[-1]
    if not page.stream or page.Contents is not None or not page.compression:
        return
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = page.stream
    for encoder in reversed(filters):
        content = encoder.encode(content)
    names = PDFArray([PDFName(encoder.pdfname) for encoder in filters])
    stream = _PageStream(dictionary=PDFDictionary({"Filter": names}), content=content)
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


# Page fields reportlab sets to None on every page and reads, when it writes the page,
# only as getattr(page, name, None): left out, they read the same.
_UNSET_PAGE_FIELDS = frozenset(
    (
        *("Thumb", "B", "Dur", "Hid", "AA", "PieceInfo", "LastModified", "SeparationInfo"),
        *("ArtBox", "TrimBox", "BleedBox", "ID", "PZ", "CropBox"),
    )
)


def _slim_last_page(canv: Canvas) -> None:
    """Keep the page just finished in a dictionary of the fields it uses.

    Its 31 fields grew a 1.6 KB dictionary a page, kept until save; without the 14 that
    are always unset, 0.5 KB. Same bytes when written.
    """
    page = canv._doc.Pages.pages[-1]
    fields = vars(page)
    page.__class__ = _LeanPage
    page.__dict__ = {
        name: value
        for name, value in fields.items()
        if value is not None or name not in _UNSET_PAGE_FIELDS
    }


class _LeanPage(PDFPage):  # type: ignore[misc]  # reportlab is untyped
    """A finished page that lets go of its fields once written into the file.

    Writing a page gives it a resource dictionary, boxes and arrays, which it kept until
    the whole file was written. Later objects (page tree, outline, destinations) refer
    to it by its name only.
    """

    def format(self, document: object) -> bytes:
        data: bytes = super().format(document)
        self.__dict__ = {"__InternalName__": self.__InternalName__}
        return data


class _Formatted(PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """A PDF object already written out: the bytes reportlab would write for it at save."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, _document: object) -> bytes:
        return self.data


def _format_web_links(canv: Canvas) -> None:
    """Write out the page just finished's web, mail and phone links now, not at save.

    A link is two dictionaries, two arrays, names and a string, about 450 bytes of
    objects for 190 bytes of PDF, and a portfolio has eight on a page (every e-mail
    address and phone number): 20,000 of them at 200 systems. Nothing in them changes
    after the page (no reference to resolve, no encryption here), so the bytes are the
    same. Links to a place in the document wait: their page may not be laid out yet.
    """
    doc = canv._doc
    page = doc.Pages.pages[-1]
    if not page.Annots or not isinstance(doc.encrypt, NoEncryption):
        return
    objects = doc.idToObject
    for ref in page.Annots:
        link = objects.get(ref.name)
        if isinstance(link, PDFDictionary) and _is_web_link(link):
            objects[ref.name] = _Formatted(link.format(doc))


def _is_web_link(annotation: PDFDictionary) -> bool:
    action = annotation.dict.get("A")
    return (
        isinstance(action, PDFDictionary)
        and set(annotation.dict) <= {"Type", "Subtype", "Rect", "A", "Border", "C"}
        and set(action.dict) == {"Type", "S", "URI"}
    )


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """Records where each heading landed: bookmark, outline entry, page for the contents."""

    def __init__(self, document: PdfDocument, out: BinaryIO, **kwargs: Any) -> None:
        # How reportlab keeps a keepWithNext heading with what follows (see KeepWithStart).
        super().__init__(out, keepTogetherClass=KeepWithStart, **kwargs)
        self._document = document

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802  # reportlab's name
        mark = getattr(flowable, "mark", None)
        if mark is None:
            return
        canv = self.canv
        canv.bookmarkPage(mark.key)
        canv.addOutlineEntry(mark.title, mark.key, level=mark.level, closed=mark.level > 0)
        self._document.pages[mark.key] = canv.getPageNumber()


def _frame(frame_id: str, height: float) -> Frame:
    return Frame(
        MARGIN,
        MARGIN + FOOTER,
        FRAME_WIDTH,
        height,
        id=frame_id,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


class PdfDocument:
    """One PDF being built. Subclasses say what the story is and what the file is called.

    An instance is used for one build: it collects the page of every heading and the
    header's context as the layout goes.
    """

    label = "Handover pack"
    has_cover = True
    # Whether a page after the first of a context says so in its header ("… (continued)").
    marks_continued = False

    def __init__(self, kit: Kit, progress: Progress | None = None) -> None:
        register_fonts()
        self.kit = kit
        self.progress = progress
        self.context = ""
        self.context_page = 0
        self.context_system: str | None = None
        self.pages: dict[str, int] = {}
        self.forms_used: set[str] = set()

    # --- what subclasses provide --------------------------------------------------------

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def metadata(self) -> tuple[str, str, Sequence[str]]:
        """(title, subject, keywords) of the PDF's document information."""
        raise NotImplementedError

    # --- the template methods -----------------------------------------------------------

    @property
    def styles(self) -> Styles:
        return self.kit.styles

    def page_templates(self) -> list[PageTemplate]:
        # Drawn when the page ends, so the header names the system whose chapter opened on it.
        body = _frame("body", FRAME_HEIGHT)
        templates = [PageTemplate("body", [body], onPageEnd=self.on_page)]
        if self.has_cover:
            cover = _frame("cover", PAGE[1] - 2 * MARGIN - FOOTER - 52 * mm)
            templates.insert(0, PageTemplate("cover", [cover], onPageEnd=self.on_cover))
        return templates

    def build(self, out: BinaryIO) -> int:
        """Lay the story out into ``out``; the number of pages."""
        # Binary streams, not ASCII85 text: ASCII85 (for mail that mangled 8-bit data)
        # makes every page and font stream a quarter larger, held in memory until the
        # file is saved and then in the file. reportlab reads this wherever it writes a
        # stream, so it is set for the process; nothing else here makes PDFs.
        rl_config.useA85 = 0
        story = headings_into_blocks(self.story())
        doc = self._doc_template(out)
        if self.progress is not None:
            doc.setProgressCallBack(LayoutProgress(self.progress))
        doc.build(story, canvasmaker=self._canvas_class())
        return int(doc.page)

    def _doc_template(self, out: BinaryIO) -> _DocTemplate:
        title, subject, keywords = self.metadata()
        subject = f"{subject} · plan version #{self.kit.plan.audit_seq}"
        doc = _DocTemplate(
            self,
            out,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER,
            bottomMargin=MARGIN + FOOTER,
            title=title,
            author=self.kit.actor,
            subject=subject,
            keywords=", ".join(k for k in keywords if k),
            creator=f"{APP_NAME} {__version__}",
            invariant=1,
            pageCompression=1,
            # Otherwise every page names Helvetica, a font the PDF does not embed.
            initialFontName=REGULAR,
            lang="en",
        )
        doc.addPageTemplates(self.page_templates())
        return doc

    # --- page furniture -----------------------------------------------------------------

    def _draw_logo(self, canv: Canvas, x: float, y: float, max_w: float, max_h: float) -> float:
        """Draw the logo with its bottom-left at (x, y) inside max_w x max_h; return its width."""
        logo = self.kit.logo
        if logo is None:
            return 0.0
        if isinstance(logo, ImageReader):
            w, h = logo.getSize()
        else:
            w, h = logo.width, logo.height
        scale = min(max_w / w, max_h / h)
        if isinstance(logo, ImageReader):
            canv.drawImage(logo, x, y, w * scale, h * scale, mask="auto")
        else:
            from reportlab.graphics import renderPDF

            canv.saveState()
            canv.translate(x, y)
            canv.scale(scale, scale)
            renderPDF.draw(logo, canv, 0, 0)
            canv.restoreState()
        return float(w * scale)

    def on_cover(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        """The cover's coloured band with logo, organisation and kind of document."""
        canv.saveState()
        top = PAGE[1]
        canv.setFillColor(self.kit.accent)
        canv.rect(0, top - 40 * mm, PAGE[0], 40 * mm, stroke=0, fill=1)
        x = MARGIN
        if self.kit.logo is not None:
            canv.setFillColor(colors.white)
            canv.roundRect(x - 2 * mm, top - 32 * mm, 28 * mm, 24 * mm, 3, stroke=0, fill=1)
            self._draw_logo(canv, x, top - 30 * mm, 24 * mm, 20 * mm)
            x += 32 * mm
        canv.setFillColor(colors.white)
        room = PAGE[0] - x - MARGIN
        name = self.kit.organisation or APP_NAME
        draw_text(canv, x, top - 20 * mm, name, size=16, bold=True, max_width=room)
        draw_text(canv, x, top - 28 * mm, self.label, size=11, max_width=room)
        canv.restoreState()
        self._footer(canv)

    def on_page(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        """Header (logo, organisation, which system) and footer of a body page."""
        canv.saveState()
        top = PAGE[1] - MARGIN
        x = MARGIN
        logo_w = self._draw_logo(canv, x, top - 8 * mm, 22 * mm, 8 * mm)
        if logo_w:
            x += logo_w + 3 * mm
        canv.setFillColor(colors.HexColor("#333333"))
        half = FRAME_WIDTH / 2
        room = half - (x - MARGIN) - 4 * mm
        draw_text(canv, x, top - 6 * mm, self.kit.organisation, size=8.5, bold=True, max_width=room)
        context = self.context
        if self.marks_continued and canv.getPageNumber() > self.context_page:
            context = f"{context} (continued)"
        right = PAGE[0] - MARGIN
        draw_text(canv, right, top - 6 * mm, context, size=8.5, align="right", max_width=half - 16)
        canv.setStrokeColor(self.kit.accent)
        canv.setLineWidth(1.2)
        canv.line(MARGIN, top - 10 * mm, PAGE[0] - MARGIN, top - 10 * mm)
        canv.restoreState()
        self._footer(canv)

    def _footer(self, canv: Canvas) -> None:
        canv.saveState()
        y = MARGIN
        canv.setStrokeColor(colors.HexColor("#BBBBBB"))
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y + 5 * mm, PAGE[0] - MARGIN, y + 5 * mm)
        canv.setFillColor(FOOTER_GREY)
        kit = self.kit
        left = f"{self.label} · {kit.organisation} · {kit.date.isoformat()}"
        draw_text(canv, MARGIN, y, left, size=7.5, max_width=FRAME_WIDTH - 40 * mm)
        draw_text(canv, MARGIN, y - 9, self._version_note(), size=7)
        right = PAGE[0] - MARGIN - 16
        draw_text(canv, right, y, f"Page {canv.getPageNumber()} of ", size=7.5, align="right")
        canv.translate(right, y)
        canv.doForm("page_total")
        canv.restoreState()

    def _version_note(self) -> str:
        """'plan #12 · content hash 0123456789ab' of the system this page is about."""
        note = f"plan #{self.kit.plan.audit_seq}"
        system_id = self.context_system
        if system_id is None or system_id not in self.kit.plan.systems:
            return note
        digest = self.kit.content_hash(self.kit.plan.systems[system_id])
        return f"{note} · content hash {digest[:12]}"

    def _fill_forms(self, canv: Canvas) -> None:
        """Define the forms pages refer to, now that every page number is known."""
        total = canv.getPageNumber() - 1  # save() is called after the last showPage
        canv.beginForm("page_total", lowerx=0, lowery=-3, upperx=40, uppery=12)
        canv.setFont(REGULAR, 7.5)
        canv.setFillColor(FOOTER_GREY)
        canv.drawString(0, 0, str(total))
        canv.endForm()
        for form in sorted(self.forms_used):
            page = self.pages.get(form.removeprefix("pg_"))
            canv.beginForm(form, lowerx=-60, lowery=-3, upperx=0, uppery=12)
            canv.setFont(REGULAR, 10)
            canv.drawRightString(0, 0, str(page) if page else "–")
            canv.endForm()

    def _canvas_class(self) -> type[Canvas]:
        document = self

        created = _timestamp(self.kit.date)

        class _Canvas(Canvas):  # type: ignore[misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                # The creation date is the export date (invariant mode would say 2000-01-01).
                self._doc._timeStamp = created
                self.showOutline()  # readers open with the bookmarks shown

            def showPage(self) -> None:  # noqa: N802  # reportlab's name
                super().showPage()
                _encode_last_page(self)
                _format_web_links(self)
                _slim_last_page(self)

            def save(self) -> None:
                document._fill_forms(self)
                super().save()

        return _Canvas

    # --- shared parts of the story ------------------------------------------------------

    def contents(self, entries: Sequence[tuple[str, str, int]], title: str) -> list[Flowable]:
        """A contents page: linked titles, page numbers filled in when the file is saved."""
        out: list[Flowable] = [self.kit.heading(title, "contents", toc=False)]
        for key, text, level in entries:
            style = self.styles["toc" if level == 0 else "toc2"]
            entry = Para(f'<a href="#{key}">{markup(text, 300)}</a>', style)
            out.append(ContentsEntry(entry, f"pg_{key}", self, LEADER_GREY))
        return out
