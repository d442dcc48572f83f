"""The repository's docs stand on their own: every file a page links to or
cites (``docs/x.md``, ``DESIGN.md``, ``benchmarks/y.py``) is in the
repository, and every ``#anchor`` a page links to is a heading there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGES = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])
LINK = re.compile(r"\]\(([^)\s]+)\)")
CODE = re.compile(r"`[^`\n]*`")        # `code` is not a link
CITED = re.compile(r"\b([A-Z][A-Z0-9_-]+\.md)\b")


def anchors(page: Path) -> set:
    """GitHub's anchors of a page's headings."""
    out = set()
    for line in page.read_text().splitlines():
        m = re.match(r"^#+\s+(.*)$", line)
        if m:
            text = re.sub(r"[^\w\- ]", "", m[1].strip().lower())
            out.add(text.replace(" ", "-"))
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_links_resolve(page):
    for target in LINK.findall(CODE.sub("", page.read_text())):
        if re.match(r"^[a-z]+:", target):
            continue                       # http:, https:, mailto:
        path, _, anchor = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        assert dest.exists(), f"{page.name}: link to {target}: no such file"
        if anchor and dest.suffix == ".md":
            assert anchor in anchors(dest), f"{page.name}: link to {target}: no such heading"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_cited_documents_exist(page):
    # was: "DESIGN.md section 8", a file that is not in the repository
    for name in set(CITED.findall(page.read_text())):
        assert list(REPO.rglob(name)), f"{page.name} cites {name}, which is not in the repository"
