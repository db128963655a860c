"""`dxtrack status --format html`: the self-contained page, read back with html.parser.

The page is checked as a browser would build it (tags and attributes after parsing), not
as text: hostile names stay text, nothing is fetched, every link goes where it should.
The browser itself (layout, overflow, scrolling) is tests/test_html_browser.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import SETTINGS, git
from test_rules import channel, event, plan, product, repo_files

HOSTILE = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
UNITS = {"units": [
    {"id": "bo-y-te", "name": "Đảng ủy Bộ Y tế", "kind": "ministry"},
    {"id": "dai-truyen-hinh-viet-nam", "name": "Đảng ủy Đài Truyền hình Việt Nam", "kind": "press"},
    {"id": "doc-hai", "name": f"Đảng ủy {HOSTILE}", "kind": "agency"},
    {"id": "tap-doan-than", "name": "Đảng ủy Tập đoàn Than - Khoáng sản Việt Nam", "kind": "enterprise",
     "until": "2025-10-31", "moved_to": "Đảng ủy Bộ Tài chính"},
]}
TASKS = [{"id": "t1", "title": "Hội nghị quán triệt", "owner": "Ban Tuyên giáo", "due": "2025-09-15"},
         {"id": "t2", "title": f"Nhiệm vụ {HOSTILE}", "owner": HOSTILE, "due": "2025-12-20"}]
AS_OF = "2025-12-05"
# what the page must say of itself, to the letter (SPEC §4; the browser test holds the browser to it)
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def records() -> list[dict]:
    return [
        event(date="2025-08-25", audiences=["leaders", "party_members", "workers"], plan_task="t1",
              participants=1200, evidence=[{"url": "https://example.vn/hoi-nghi?a=1&b=2"},
                                           {"file": "evidence/bien-ban.pdf"}]),
        product("infographic", "2025-09-10", ["online_press", "website"], audiences=["citizens"],
                url="https://example.vn/infographic", title=f"Infographic {HOSTILE}"),
        channel(started="2025-09-01", cadence_days=7, updates=["2025-09-08", "2025-11-20"]),
        event(kind="talkshow", date="2025-11-25", mode="online", unit="dai-truyen-hinh-viet-nam",
              leaders=["Lãnh đạo Ban Chỉ đạo"]),
        event(date="2025-10-01", unit="doc-hai", title=f"Hội nghị {HOSTILE}",
              evidence=[{"url": "https://example.vn/x'onmouseover='alert(3)'"}]),  # ", <, > are DX209
        event(date="2025-09-01", unit="tap-doan-than"),
    ]


@pytest.fixture(autouse=True)
def _no_git_above(monkeypatch, tmp_path):
    """git looks for a work tree no higher than tmp_path: "không có git" whatever holds it."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def repo(make_repo):
    """Four units: Bộ Y tế with a plan (a task due soon), VTV, a unit whose name is an
    injection attempt, and an enterprise transferred on 31/10/2025."""
    files = repo_files(records(), [plan(tasks=TASKS, number="12-KH/ĐU", issued="2025-08-22")])
    files["evidence/bien-ban.pdf"] = b"%PDF-1.4\n"
    return make_repo(files, units=yaml.safe_dump(UNITS, allow_unicode=True, sort_keys=False))


# ---------------------------------------------------------------- reading a page back

@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""


@dataclass
class Page(HTMLParser):
    """The elements of a page as html.parser builds them, and its text."""

    elements: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in ("meta", "link", "br", "img", "input", "rect", "line", "path"):
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        self.texts.append(data)
        for element in self._open:
            element.text += data

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def find(self, tag: str | None = None, **attrs) -> list[Element]:
        """The elements of `tag` (any if None) whose attributes hold `attrs` (class_: one of its classes)."""
        found = []
        for e in self.elements:
            if tag is not None and e.tag != tag:
                continue
            wanted = dict(attrs)
            classes = wanted.pop("class_", None)
            if classes is not None and classes not in (e.attrs.get("class") or "").split():
                continue
            if all(e.attrs.get(k) == v for k, v in wanted.items()):
                found.append(e)
        return found

    def by_id(self, ident: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == ident), None)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def html_of(cli, root: Path, *args: str) -> str:
    result = cli(["status", "--repo", root, "--format", "html", "--as-of", AS_OF, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def matrix_rows(page: Page) -> list[str]:
    """The unit ids of the matrix's rows, top to bottom."""
    ids = [e.attrs.get("id") or "" for e in page.find("tr")]
    return [i.removeprefix("_row-") for i in ids if i.startswith("_row-")]


# ---------------------------------------------------------------- escaping

def test_a_hostile_name_or_title_stays_text(cli, repo):
    html = html_of(cli, repo)
    page = parse(html)
    assert not page.find("script") and not page.find("img") and not page.find("iframe")
    assert not [e for e in page.elements for name in e.attrs if name.startswith("on")]  # no onerror=, onclick=
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    # the name is shown as it was written: in the matrix, its section, the index
    assert f"Đảng ủy {HOSTILE}" in page.text and f"Nhiệm vụ {HOSTILE}" in page.text
    assert f"Infographic {HOSTILE}" in page.text and f"Hội nghị {HOSTILE}" in page.text
    # and inside attributes (a cell's title) as the value, not as markup
    titles = [e.attrs["title"] for e in page.find("td") if e.attrs.get("title")]
    assert any(t and t.startswith(HOSTILE) for t in titles), titles[:3]


def test_control_and_bidi_characters_are_shown_as_escapes(cli, make_repo):
    units = {"units": [{"id": "bo-y-te", "name": "Đảng ủy Bộ Y tế\u202e\x1b[31m", "kind": "ministry"}]}
    root = make_repo(repo_files([event(date="2025-09-01", title="Hội nghị\u200b")]),
                     units=yaml.safe_dump(units, allow_unicode=True))
    result = cli(["status", "--repo", root, "--format", "html", "--as-of", AS_OF])
    # a name with a control character is an error in units.yaml; a bidi override or a
    # zero-width space that gets through is shown as an escape, never as the character
    assert "\u202e" not in result.stdout and "\x1b" not in result.stdout and "\u200b" not in result.stdout


def test_only_http_urls_become_links():
    from dxtrack.render.status_html import safe_url

    assert safe_url("https://example.vn/a?b=1&c=2") == "https://example.vn/a?b=1&c=2"
    assert safe_url("http://example.vn") == "http://example.vn"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<script>", "file:///etc/passwd",
                "//example.vn/x", "https://", "https://example.vn/a b", "https://example.vn/\nx", "vbscript:x",
                " https://example.vn", None, 42):
        assert safe_url(bad) is None, bad


def test_links_are_the_records_own_and_every_other_href_stays_on_the_page(cli, repo):
    page = parse(html_of(cli, repo))
    outside = sorted(e.attrs["href"] for e in page.find("a") if not (e.attrs.get("href") or "").startswith("#"))
    assert outside == ["https://example.vn/hoi-nghi?a=1&b=2", "https://example.vn/infographic",
                       "https://example.vn/x'onmouseover='alert(3)'"]
    for link in page.find("a"):
        href = link.attrs.get("href") or ""
        if href.startswith("http"):
            assert link.attrs.get("rel") == "noopener noreferrer"
        else:
            assert href.startswith("#") and page.by_id(href[1:]) is not None, href
    assert "tệp minh chứng evidence/bien-ban.pdf" in page.text  # a file is named, not linked


# ---------------------------------------------------------------- self-contained

def test_nothing_is_fetched_from_anywhere(cli, repo):
    html = html_of(cli, repo)
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
    csp = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert [m.attrs["content"] for m in csp] == [CSP]
    assert html.index("Content-Security-Policy") < html.index("<title>")  # before anything that could load
    assert page.find("meta", name="viewport")[0].attrs["content"] == "width=device-width, initial-scale=1"
    for tag in ("script", "link", "img", "iframe", "object", "embed", "source", "video", "audio", "base", "form"):
        assert not page.find(tag), tag
    assert not [e for e in page.elements if "src" in e.attrs or "srcset" in e.attrs]
    styles = " ".join(e.text for e in page.find("style"))
    assert "url(" not in styles and "@import" not in styles and "@font-face" not in styles
    assert page.find("svg")  # the month strips (and the marks) are drawn inline


def test_the_page_is_the_same_every_time(cli, repo):
    assert html_of(cli, repo) == html_of(cli, repo)  # no timestamp: what changes is the data


# ---------------------------------------------------------------- what it shows

def test_the_head_names_the_directive_phase_date_and_commit(cli, repo):
    page = parse(html_of(cli, repo))
    assert page.find("title")[0].text == "380-CV/ĐU — tình hình thực hiện đến ngày 05/12/2025"
    assert page.find("h1")[0].text == "Tình hình thực hiện Công văn 380-CV/ĐU"
    assert page.by_id("_phase").text == "Giai đoạn 2025 (18/08/2025 – 31/12/2025)"
    assert page.by_id("_as-of").text == "05/12/2025" and page.by_id("_as-of").attrs["datetime"] == "2025-12-05"
    assert page.by_id("_commit").text == "không có git"  # tmp_path is no git work tree
    assert "DỮ LIỆU MINH HỌA" not in page.text  # sample: false


def test_the_sample_banner(cli, make_repo):
    root = make_repo(settings=SETTINGS.replace("sample: false", "sample: true"))
    page = parse(html_of(cli, root))
    banner = page.find("p", class_="banner")
    assert len(banner) == 1 and banner[0].text.startswith("DỮ LIỆU MINH HỌA — dữ liệu minh họa")


def test_the_matrix_worst_first_with_marks_and_words(cli, repo):
    page = parse(html_of(cli, repo))
    rows = matrix_rows(page)
    assert sorted(rows) == ["bo-y-te", "dai-truyen-hinh-viet-nam", "doc-hai"]  # the transferred unit apart
    scores = [int(e.text.split("/")[0]) for e in page.find("td", class_="score")]
    assert scores == sorted(scores) and len(scores) == 3
    cells = page.find("td", class_="c")
    assert len(cells) == 3 * 22
    words = {"✓": "đạt", "◐": "một phần", "✗": "chưa đạt", "⏳": "chưa đến hạn", "·": "không áp dụng"}
    for cell in cells:
        mark = next(m for m, w in words.items() if cell.attrs["title"].endswith(": " + w))
        assert cell.text.strip() == (words[mark] if mark == "⏳" else mark + words[mark])  # ⏳ is drawn
    # the row link reaches the unit's section, whose id is the unit's id
    for unit in rows:
        link = page.find("a", href=f"#{unit}")[0]
        assert page.by_id(unit).tag == "section" and link.text


def test_a_units_section_says_why_and_what_is_next(cli, repo):
    page = parse(html_of(cli, repo))
    section = page.by_id("bo-y-te").text
    assert "Kế hoạch chưa có lịch kiểm tra, giám sát, sơ kết hoặc tổng kết" in section  # a reason in words
    assert "Nhiệm vụ trong kế hoạch 12-KH/ĐU (22/08/2025)" in section
    assert "t1 · 15/09/2025 — Hội nghị quán triệt" in section and "đã thực hiện 25/08/2025" in section
    assert "Việc quá hạn và việc đến hạn đến ngày 31/12/2025" in section
    assert "20/12/2025 · còn 15 ngày — Nhiệm vụ t2:" in section  # what falls due (due_items)
    assert "1.200 người tham gia" in section and "minh chứng (example.vn)" in section
    assert "Hoạt động theo tháng" in section
    transferred = page.by_id("_transferred").text
    assert "Tập đoàn Than - Khoáng sản Việt Nam — đã chuyển sang Đảng ủy Bộ Tài chính từ 31/10/2025" in transferred
    assert page.by_id("tap-doan-than").tag == "li"


def test_english(cli, repo):
    page = parse(html_of(cli, repo, "--lang", "en"))
    assert page.find("html")[0].attrs["lang"] == "en"
    assert page.find("h1")[0].text == "Progress on Công văn 380-CV/ĐU"
    assert "As of" in page.text and "Tính đến ngày" not in page.text
    assert page.by_id("_phase").text == "Phase 2025 (18/08/2025 – 31/12/2025)"
    assert page.by_id("_commit").text == "no git"
    assert "Overdue, and what falls due by 31/12/2025" in page.text


def test_one_unit(cli, repo):
    page = parse(html_of(cli, repo, "bo-y-te"))
    assert matrix_rows(page) == ["bo-y-te"] and page.by_id("bo-y-te") is not None
    assert page.by_id("doc-hai") is None and page.find("title")[0].text.startswith("Bộ Y tế — ")


def test_the_library_call_without_the_extras(repo):
    """api.render("status", "html", status) alone (no details, no due list) still makes a page."""
    from dxtrack import api

    loaded = api.load_repo(repo)
    status = api.evaluate(loaded, api.read_date(AS_OF))
    page = parse(api.render("status", "html", status, lang="vi"))
    assert len(matrix_rows(page)) == 3 and page.by_id("_commit").text == "không có git"


# ---------------------------------------------------------------- the git commit

def test_the_commit_and_uncommitted_changes(cli, repo):
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "x")
    head = git(repo, "rev-parse", "--short", "HEAD").strip()
    out = repo / "tinh-hinh.html"
    result = cli(["status", "--repo", repo, "--format", "html", "--as-of", AS_OF, "-o", out])
    assert result.exit_code == 0 and "Đã ghi" in result.stderr
    assert parse(out.read_text(encoding="utf-8")).by_id("_commit").text == head
    # the page itself, written into the repo, is no change of the data
    cli(["status", "--repo", repo, "--format", "html", "--as-of", AS_OF, "-o", out, "--force"])
    assert parse(out.read_text(encoding="utf-8")).by_id("_commit").text == head
    (repo / "activities" / "bo-y-te" / "2025-11-30-them.yaml").write_text(
        yaml.safe_dump(event(date="2025-11-30"), allow_unicode=True), encoding="utf-8")
    page = parse(html_of(cli, repo))
    assert page.by_id("_commit").text == f"{head} + thay đổi chưa commit"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "y")  # a commit changes no file: a cached page would not know
    assert parse(html_of(cli, repo)).by_id("_commit").text == git(repo, "rev-parse", "--short", "HEAD").strip()


def test_no_git_on_this_computer(cli, repo, monkeypatch):
    git(repo, "init", "-q")
    monkeypatch.setenv("PATH", str(repo / "nowhere"))
    assert parse(html_of(cli, repo)).by_id("_commit").text == "không có git"


# ---------------------------------------------------------------- -o, and a repo's own template

def test_output_is_refused_over_a_file_without_force(cli, repo, tmp_path):
    out = tmp_path / "status.html"
    out.write_text("old", encoding="utf-8")
    result = cli(["status", "--repo", repo, "--format", "html", "-o", out])
    assert result.exit_code == 2 and "--force" in result.stderr and out.read_text(encoding="utf-8") == "old"
    result = cli(["status", "--repo", repo, "--format", "html", "-o", out, "--force", "--as-of", AS_OF])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == html_of(cli, repo)


def test_a_repos_own_template_is_used_and_sandboxed(cli, repo):
    (repo / "templates").mkdir()
    own = repo / "templates" / "status.html.j2"
    own.write_text("<p>{{ page.head.as_of }} {{ page.rows[0].name }}</p>\n", encoding="utf-8")
    html = html_of(cli, repo)
    assert html == ("<p>05/12/2025 &lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x "
                    "onerror=alert(2)&gt;</p>\n")  # the worst unit first, escaped in the repo's own template too
    own.write_text("{{ page.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    result = cli(["status", "--repo", repo, "--format", "html", "--as-of", AS_OF])
    assert result.exit_code == 1 and "templates/status.html.j2:1" in result.stderr  # refused by the sandbox
