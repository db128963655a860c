"""Issue 10, part 6 (time linear in units): every shortcut taken for speed gives the same
result as the plain computation it replaces."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

from dxtrack import api
from dxtrack.evaluate.facts import Facts
from dxtrack.evaluate.reasons import REASONS, merge_reasons
from dxtrack.evaluate.status import Reason
from dxtrack.models import Channel, Event, Product, Report
from dxtrack.render.status_json import dumps

GENERATE = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


def _generated(root: Path, records: int, units: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate_scaling", GENERATE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(root, records, units, seed=11)
    return root


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory.mktemp("scaling") / "repo", 240, 9)


# ---------------------------------------------------------------- evaluate

def _merge_reference(reasons: list[Reason]) -> list[Reason]:
    """merge_reasons without its one-reason shortcut."""
    merged: dict[tuple, Reason] = {}
    for reason in reasons:
        along = REASONS[reason.code].merge
        rest = {k: v for k, v in reason.params.items() if k != along}
        key = (reason.code, repr(sorted(rest.items())))
        if key not in merged:
            merged[key] = Reason(reason.code, {k: list(v) if isinstance(v, list) else v
                                               for k, v in reason.params.items()})
        elif along is not None:
            items = merged[key].params[along]
            items.extend(i for i in reason.params[along] if i not in items)
    return list(merged.values())


@pytest.mark.parametrize("reasons", [
    [],
    [Reason("no_plan")],
    [Reason("no_event_kind", {"kinds": [["dissemination"]]})],
    [Reason("tasks_undone", {"tasks": [{"id": "t1", "due": "2025-09-01"}]})],
    [Reason("no_event_kind", {"kinds": [["a"]]}), Reason("no_event_kind", {"kinds": [["b"]]})],
])
def test_merging_one_reason_is_the_general_merge(reasons):
    got, want = merge_reasons(reasons), _merge_reference(reasons)
    assert got == want
    for merged, given in zip(got, reasons, strict=False):  # the lists are copies, never the evaluator's
        for name, value in merged.params.items():
            if isinstance(value, list):
                assert value is not given.params[name]


def test_facts_of_is_the_plain_filter_and_a_new_list(generated):
    repo = api.load_repo(generated)
    status = api.evaluate(repo)
    from dxtrack.evaluate import counted_records, records_by_unit

    by_unit = records_by_unit(repo)
    for unit_status in status.active:
        unit = unit_status.unit
        counted = counted_records(unit, by_unit.get(unit.id, []), status.phase.start, status.as_of)
        facts = Facts(unit=unit, plan=repo.plans.get(unit.id), settings=status.settings, as_of=status.as_of,
                      records=counted)
        for kind in (Event, Product, Channel, Report, Event):  # Event twice: the second answer is kept
            first = facts.of(kind)
            assert first == [c.record for c in counted if isinstance(c.record, kind)]
            first.append("changed by a caller")
            assert "changed by a caller" not in facts.of(kind)


# ---------------------------------------------------------------- JSON

@pytest.mark.parametrize("data", [
    {}, [], "", 0, None, True, False, -12, 10**30, "Đảng ủy \"x\"\n\t\\ \u2028 \x01 ✓",
    {"a": {}, "b": [], "c": [[]], "d": [{}], "e": {"f": [1, "g", None, True, {"h": False}]}},
    {"tuple": (1, 2, ("x",)), "nested": [[1, [2, [3]]], {"k": {"l": {"m": []}}}]},
    {"float": 1.5}, {"nan": float("nan")}, {1: "int key"}, {None: "none key"}, {True: 1},
])
def test_dumps_is_json_dumps_with_indent_2(data):
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_dumps_refuses_what_json_refuses():
    with pytest.raises(TypeError):
        dumps({"x": object()})


def test_status_json_is_json_dumps_of_the_status_dict(generated):
    from dxtrack.render.status_json import status_dict

    repo = api.load_repo(generated)
    status = api.evaluate(repo)
    for lang in ("vi", "en"):
        text = api.render("status", "json", status, lang=lang)
        from dxtrack.i18n import language

        with language(lang):
            assert text == json.dumps(status_dict(status), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- .docx

def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def _report_data(root: Path, unit: str | None, lang: str):
    from dxtrack.i18n import language
    from dxtrack.report import report_period
    from dxtrack.report.build import build_report

    repo = api.load_repo(root)
    opts = api.ReportOptions(unit=unit)
    start, end = report_period(repo, opts)
    status = api.evaluate(repo, end)
    with language(lang):
        return build_report(repo, status, opts, start), repo


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("which", ["all", "unit"])
def test_docx_copies_are_the_document_laid_out_in_full(generated, which, lang):
    """Paragraphs and rows copied from the first of their kind: the same document.xml as
    every one of them laid out through python-docx."""
    from dxtrack.report.docx import DocxWriter
    from dxtrack.report.style import load_style

    unit = None if which == "all" else api.load_repo(generated).units[0].id
    data, repo = _report_data(generated, unit, lang)
    style = load_style(repo.root)
    fast = _document_xml(DocxWriter(style).write(data))
    data, _ = _report_data(generated, unit, lang)
    full = _document_xml(DocxWriter(style, copies=False).write(data))
    assert fast == full


def test_docx_copies_keep_tabs_line_breaks_and_edge_blanks(tmp_path):
    """Texts python-docx writes with w:tab, w:br or xml:space="preserve" come out the same copied."""
    from dxtrack.report.docx import DocxWriter
    from dxtrack.report.model import Bars, Closing, Header, Mark, Para, ReportData, Section, Table
    from dxtrack.report.style import load_style

    texts = ["plain", " leading", "trailing ", "tab\there", "line\nbreak", "cr\r\nlf", "", "x" * 300, "\t"]
    blocks: list = [Para(t, style) for t in texts for style in ("body", "bullet", "note", "lead")]
    rows = [[t, Mark("met"), t[::-1], str(i)] for i, t in enumerate(texts * 3)]
    blocks.append(Table(["a", "b", "c", "d"], rows, [3.0, 1.0, 2.0, 1.0], centre=(1,)))
    blocks.append(Bars(["unit", "bar", "score"], [(t or "—", (i * 37) % 101) for i, t in enumerate(texts * 4)]))

    def report() -> ReportData:
        header = Header("", "ISSUER", "Số 1", "PARTY", "Hà Nội", "TITLE", "subject", "period")
        closing = Closing("To:", ["- a,", "- b."], "AUTHORITY", "TITLE", "")
        return ReportData("vi", None, "", header, "intro", [Section("I.", list(blocks))], "end", closing)

    style = load_style(None)
    assert _document_xml(DocxWriter(style).write(report())) == \
        _document_xml(DocxWriter(style, copies=False).write(report()))


def test_table_widths_copies_are_python_docx_widths():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    from dxtrack.report import docx_xml as x

    def reference(table, widths_mm):  # table_widths as it was: python-docx on every cell
        table.autofit = False
        tblpr = table._tbl.tblPr
        x.set_child(tblpr, "tblLayout").set(qn("w:type"), "fixed")
        total = x.set_child(tblpr, "tblW")
        total.set(qn("w:type"), "dxa")
        total.set(qn("w:w"), str(sum(x._twips(w) for w in widths_mm)))
        for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=False):
            col.set(qn("w:w"), str(x._twips(width)))
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=False):
                cell.width = Mm(width)

    for rows, widths in ((1, [50.0]), (30, [40.0, 12.5, 12.5, 30.25]), (7, [10.0, 3.3, 3.3, 3.3, 20.0])):
        fast, plain = Document(), Document()
        x.table_widths(fast.add_table(rows=rows, cols=len(widths)), widths)
        reference(plain.add_table(rows=rows, cols=len(widths)), widths)
        assert fast.element.body.xml == plain.element.body.xml
