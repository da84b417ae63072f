"""The case pages for people: GET /cases (the index: filters, sort, pages) and GET /cases/ID (one case).

Server-rendered from the Jinja2 templates in this package (templates/), styled by static/case.css: no
CDN, works offline, prints on A4, reads at phone width. Registered by `routes(endpoint)` in app.py.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..queries import REGIONS, RISK_LEVELS
from .case_view import COMPLICATIONS, PAGE_SIZES, PageInputError, case_index, case_view, parse_index_query

# Scripts and styles from this server only; inline style attributes are allowed for the construct SVG.
CASE_PAGE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
                 "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SORT_WORDS = (("id", "case id"), ("title", "title"), ("revision", "revision evaluation"), ("risk", "non-union risk"),
              ("findings", "findings"))
COLUMNS = (("id", "Case"), ("title", "Title"), ("revision", "Revision evaluation"), ("risk", "Non-union risk"),
           ("", "Complications"), ("findings", "Findings"))
_PMID = re.compile(r"PMID (\d+)")
_DOI = re.compile(r"doi:(10\.[^\s;()]+(?:\([^\s;()]*\)[^\s;()]*)*)")


def cite(text: str) -> Markup:
    """A citation with its PMID and DOI as links (the rest escaped)."""
    html = str(escape(text))
    html = _PMID.sub(lambda m: f'<a href="https://pubmed.ncbi.nlm.nih.gov/{m.group(1)}/">PMID {m.group(1)}</a>', html)
    html = _DOI.sub(lambda m: f'<a href="https://doi.org/{m.group(1)}">doi:{m.group(1)}</a>', html)
    return Markup(html)


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment over the packaged templates (HTML autoescaped)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("spinekg.server", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cite"] = cite
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered as an HTML response with the case pages' security policy."""
    from .. import __version__

    html = environment().get_template(name).render(version=__version__, **context)
    return HTMLResponse(html, status_code=status,
                        headers={"Content-Security-Policy": CASE_PAGE_CSP, "Cache-Control": "no-cache"})


def page_links(page: int, pages: int) -> list[int]:
    """The page numbers to link (0 marks a gap): the first, the last and two either side of this one."""
    keep = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int] = []
    for n in keep:
        if out and n - out[-1] > 1:
            out.append(0)
        out.append(n)
    return out


class CasePages:
    """The handlers, over the endpoint's KnowledgeGraph (run in the endpoint's query threads)."""

    def __init__(self, endpoint: Any):
        self.ep = endpoint

    async def index(self, request: Request) -> Response:
        try:
            q = parse_index_query(dict(request.query_params))
        except PageInputError as exc:
            return render("error.html", 400, code=400, heading="Bad request", message=str(exc))

        def work(cancel: Any) -> Any:
            return case_index(self.ep.kg, q)

        index = await self.ep.runner.run(work, what="case index")
        if q.page > index["pages"]:
            return render("error.html", 404, code=404, heading="No such page",
                          message=f"page {q.page} is past the last page ({index['pages']}) of these cases")

        def link(**changes: object) -> str:
            params = q.params(**changes)
            return "/cases" + ("?" + urlencode(params) if params else "")

        return render("cases.html", index=index, q=q, link=link, page_links=page_links(q.page, index["pages"]),
                      risk_levels=list(RISK_LEVELS), regions=list(REGIONS), complications=COMPLICATIONS,
                      sorts=SORT_WORDS, columns=COLUMNS, page_sizes=PAGE_SIZES)

    async def case(self, request: Request) -> Response:
        case_id = request.path_params["case_id"]

        def work(cancel: Any) -> Any:
            return case_view(self.ep.kg, case_id)

        view = await self.ep.runner.run(work, what="case page")
        if view is None:
            return render("error.html", 404, code=404, heading="No such case",
                          message=f"no case '{case_id}' in this store")
        return render("case.html", case=view, anchors=view["anchors"])


def routes(endpoint: Any, wrap: Any) -> list[Route]:
    """GET /cases and GET /cases/{case_id}, each wrapped like the endpoint's other handlers."""
    pages = CasePages(endpoint)
    return [Route("/cases", wrap(pages.index), methods=["GET", "HEAD"]),
            Route("/cases/{case_id}", wrap(pages.case), methods=["GET", "HEAD"])]


__all__ = ["CASE_PAGE_CSP", "cite", "page_links", "routes"]
