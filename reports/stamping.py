"""A copy of a superseded version's PDF marked SUPERSEDED on every page (DESIGN rule 8).

The published file itself never changes (its SHA-256 is public), so a reader who wants a copy
that cannot be mistaken for the current report downloads this one: made once, the first time
it is asked for, and kept beside the original in the same storage.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from reports.models import ReportVersion

STAMP_HTML = """<!doctype html><html><head><style>
@page { size: A4; margin: 0; }
body { margin: 0; }
p { position: absolute; top: 120mm; left: 0; width: 210mm; text-align: center; margin: 0;
    transform: rotate(-35deg); font: bold 64pt sans-serif; color: rgba(180, 0, 0, 0.35); }
small { display: block; font-size: 14pt; }
</style></head>
<body><p>SUPERSEDED<small>A correction replaced this version</small></p></body></html>"""


def superseded_copy_name(version: ReportVersion) -> str:
    reference, number = version.inspection.reference, version.number
    return f"reports/{reference}/v{number}-{version.sha256[:12]}-superseded.pdf"


def superseded_copy(version: ReportVersion) -> str:
    """The stored name of the stamped copy, made now if it is not there yet."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    name = superseded_copy_name(version)
    if default_storage.exists(name):
        return name
    with default_storage.open(version.pdf.name, "rb") as stored:
        writer = PdfWriter(clone_from=io.BytesIO(stored.read()))
    stamp = PdfReader(io.BytesIO(HTML(string=STAMP_HTML).write_pdf())).pages[0]
    for page in writer.pages:
        page.merge_page(stamp)
    data = io.BytesIO()
    writer.write(data)
    saved = default_storage.save(name, ContentFile(data.getvalue()))
    if saved != name:
        # Another request made it at the same moment: keep one copy.
        default_storage.delete(saved)
    return name
