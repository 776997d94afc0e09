"""The personal-data check's time: a 100-page report against 2,000 recorded names.

    python bench/personal_data.py [--pages 100] [--names 2000] [--repeats 5] [--json FILE]

The report is made up (deterministic), as long as the benchmark's long report: each page about
3,000 characters of findings with the typography a report has (curly quotes, dashes, hyphens
broken across lines), given both as the web page's HTML and as the PDF's page texts, so the check
reads it twice, as it does in a render. The names are those of 400 case samples (the child, two
family members, a carer and an alias each, with a date of birth and an agency reference), and
three of them are written into the report so that findings are made, as in a real check. Needs
no database: the check is pure functions of the text and the terms (DESIGN rule 19). Target:
under 1 s (issue 15).
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 1.0
_SYLLABLES = [
    "ka",
    "ri",
    "lo",
    "me",
    "tha",
    "ven",
    "dor",
    "sa",
    "li",
    "an",
    "bel",
    "mor",
    "wen",
    "tre",
    "gar",
    "ros",
    "fen",
    "cas",
    "tle",
    "quin",
]
_SENTENCES = [
    "Children who need help and protection are identified early and are safer because "
    "agencies work well together.",
    "Leaders know their services well and have acted on the findings of serious case reviews.",
    "The \u201cfront door\u201d responds quickly \u2013 decisions are timely and well recorded.",
    "Social workers\u2019 caseloads are manageable; supervision is regular and reflective.",
    "Health visitors share information with the multi-agency safeguarding hub within a day.",
    "Plans are specific, and children\u2019s views shape the support they are offered.",
    "In 2015, 1,234 contacts were received; 38% led to an assessment by a quali-\nfied worker.",
    "Young people leaving care are helped to find suitable accommodation and employment.",
]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def workload(pages: int = 100, names: int = 2000, seed: int = 2015):
    """(terms, html, pdf_pages) for the benchmark, and for the test that keeps it fast."""
    from reports.personal_data import CaseRecord, build

    rng = random.Random(seed)
    cases = []
    for number in range(names // 5):
        family = _name(rng, 3)
        cases.append(
            CaseRecord(
                reference=f"BEN-{number:04d}",
                child_name=f"{_name(rng, 2)} {family}",
                date_of_birth=datetime.date(2000, 1, 1) + datetime.timedelta(days=number * 7),
                agency_references=(f"CSC-{50000 + number}",),
                family_members=(f"{_name(rng, 2)} {family}", f"{_name(rng, 2)} {family}"),
                carers=(f"{_name(rng, 2)} {_name(rng, 3)}",),
                aliases=(f"{_name(rng, 2)}{_name(rng, 1).lower()}",),
            )
        )
    terms = build(cases, [])
    texts = []
    for number in range(pages):
        sentences = [rng.choice(_SENTENCES) for _ in range(28)]
        if number in (10, 50, 90):  # a few findings, as a check that finds something makes
            sentences[5] = (
                f"We met {cases[number].child_name}, born {cases[number].date_of_birth:%-d %B %Y}."
            )
        texts.append(" ".join(sentences))
    html = "".join(f'<h2 id="s{n}">Section {n}</h2><p>{text}</p>' for n, text in enumerate(texts))
    return terms, html, texts


def measure(pages: int = 100, names: int = 2000, repeats: int = 5) -> dict:
    from reports.personal_data import find_personal_data

    terms, html, texts = workload(pages, names)
    # The first run builds the automaton and loads the look-alike table, as a worker's first
    # render does; it counts like the others.
    seconds, findings = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        findings = find_personal_data(terms=terms, html=html, pdf_pages=texts)
        seconds.append(time.perf_counter() - started)
    return {
        "pages": pages,
        "names": names,
        "phrases": len(terms.phrases),
        "characters": sum(len(text) for text in texts) * 2,
        "findings": len(findings),
        "seconds": [round(s, 3) for s in seconds],
        "median_seconds": round(sorted(seconds)[len(seconds) // 2], 3),
        "worst_seconds": round(max(seconds), 3),
        "target_seconds": TARGET_SECONDS,
        "met": max(seconds) < TARGET_SECONDS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Write the figures here too.")
    args = parser.parse_args()
    from bench import common

    common.setup_django(common.config())
    result = measure(args.pages, args.names, args.repeats)
    print(
        f"personal-data check: {result['pages']} pages ({result['characters']:,} characters, "
        f"web page and PDF) against {result['names']:,} names ({result['phrases']:,} phrases): "
        f"median {result['median_seconds']:.3f} s, worst {result['worst_seconds']:.3f} s "
        f"of {len(result['seconds'])} runs; {result['findings']} findings; target under "
        f"{TARGET_SECONDS:.0f} s: {'met' if result['met'] else 'MISSED'}",
        flush=True,
    )
    if args.json:
        common.write_json(args.json, result)


if __name__ == "__main__":
    main()
