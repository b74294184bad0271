"""Count what an HTML report shows (marks, table rows, external references) with the stdlib parser."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser


class Probe(HTMLParser):
    """Collects highlight ids, fact-table rows (and which are hidden), and anything loaded from outside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.mark_facts: set[str] = set()
        self.mark_pieces = 0
        self.mark_kinds: Counter[str] = Counter()
        self.rows: list[dict[str, str | None]] = []
        self.external: list[str] = []
        self.scripts_with_src = 0
        self.depth = 0
        self.max_depth = 0
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark":
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
            if a.get("data-fact"):
                self.mark_pieces += 1
                if a["data-fact"] not in self.mark_facts:
                    self.mark_kinds[a.get("data-kind") or ""] += 1
                self.mark_facts.add(a["data-fact"] or "")
        if tag == "tr" and "pf-row" in (a.get("class") or ""):
            self.rows.append(a)
        if tag == "script" and a.get("src"):
            self.scripts_with_src += 1
        if tag == "div" and a.get("id") == "pf-report":
            self.root = a
        for key in ("src", "href"):
            v = a.get(key) or ""
            if v and not v.startswith("#"):
                self.external.append(f"{tag}[{key}]={v}")
        if tag == "link":
            self.external.append(f"link {a}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.depth -= 1

    @property
    def visible_rows(self) -> list[dict[str, str | None]]:
        return [r for r in self.rows if "hidden" not in r]


def probe(html: str) -> Probe:
    p = Probe()
    p.feed(html)
    p.close()
    return p
