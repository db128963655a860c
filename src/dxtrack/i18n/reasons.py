"""The one place that turns a reason (`evaluate.status.Reason`: a code and its parameters)
into a sentence, in Vietnamese or English. Renderers call `reason_text` / `reason_texts`;
nothing upstream of them makes words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

MESSAGES = {
    # reasons (plain words naming what is missing)
    "reason.press_only": ("Chỉ áp dụng với đảng ủy các cơ quan báo chí chủ lực (VTV, VOV, TTXVN).",
                          "Applies only to the press agencies (VTV, VOV, VNA)."),
    "reason.no_plan": ("Chưa có kế hoạch truyền thông.{left_out}", "No communication plan.{left_out}"),
    "reason.plan_left_out": (" Tệp kế hoạch {file} có lỗi nên không được tính; chạy `dxtrack check` để xem và sửa.",
                             " The plan file {file} has errors, so it is not counted; run `dxtrack check` to see "
                             "and fix them."),
    "reason.plan_lacks": ("Kế hoạch chưa ghi: {items}.", "The plan does not state: {items}."),
    "plan_field.number_issued": ("số ký hiệu và ngày ban hành", "number and issue date"),
    "plan_field.audiences": ("đối tượng truyền thông", "target audiences"),
    "plan_field.staff": ("nhân sự", "staff"),
    "plan_field.means": ("phương tiện", "means"),
    "plan_field.budget": ("kinh phí", "budget"),
    "plan_field.platforms": ("nền tảng truyền thông", "platforms"),
    "reason.no_tasks": ("Kế hoạch chưa có nhiệm vụ nào.", "The plan has no tasks."),
    "reason.task_no_owner": ("Nhiệm vụ chưa phân công người, tập thể phụ trách: {items}.",
                             "Tasks without an owner: {items}."),
    "reason.no_review": ("Kế hoạch chưa có lịch {items}.", "The plan schedules no {items}."),
    "reason.no_event_kind": ("Chưa có {items}.", "No {items} yet."),
    "reason.event_audience": ("{kinds} chưa đến: {items}.", "{kinds} has not reached: {items}."),
    "reason.no_event_mode": ("Chưa có hoạt động {items}.", "No {items} event yet."),
    "reason.no_leaders": ("{items} chưa ghi lãnh đạo tham gia (trường leaders).",
                          "{items}: no leaders named (field leaders)."),
    "reason.no_partners": ("Chưa ghi phối hợp với: {items}.", "No coordination recorded with: {items}."),
    "reason.no_outlet": ("Chưa có sản phẩm trên {items}.", "No product in {items} yet."),
    "reason.no_product_kind": ("Chưa có sản phẩm: {items}.", "No product of kind: {items}."),
    "reason.no_product_topic": ("Chưa có sản phẩm về: {items}.", "No product on: {items}."),
    "reason.no_products": ("Chưa có sản phẩm truyền thông nào.", "No media product yet."),
    "reason.few_product_kinds": ("Sản phẩm mới có {count} loại ({kinds}); cần ít nhất {need} loại.",
                                 "Products of only {count} kind(s) ({kinds}); at least {need} needed."),
    "reason.no_product_audience": ("Sản phẩm chưa ghi đối tượng tiếp nhận: {items}.",
                                   "Products naming no audience: {items}."),
    "reason.topic_only_planned": ("Nội dung “{topic}” mới có trong kế hoạch, chưa có hoạt động hay sản phẩm.",
                                  "“{topic}” is only in the plan; no event or product yet."),
    "reason.topic_missing": ("Chưa có hoạt động hay sản phẩm về “{topic}”.",
                             "No event or product on “{topic}” yet."),
    "reason.no_channel": ("Chưa có {items}.", "No {items} yet."),
    "reason.channel_stale": ("Chưa có {what} nào được cập nhật trong {days} ngày qua (lần cuối {last}).",
                             "No {what} updated in the last {days} days (last {last})."),
    "reason.started_late": ("Hoạt động đầu tiên ngày {first}, {days} ngày sau {since} (cần trong {limit} ngày).",
                            "First record on {first}, {days} days after {since} (due within {limit})."),
    "reason.start_window_open": ("Còn trong thời hạn {limit} ngày kể từ {since} (đến {end}).",
                                 "Still within {limit} days of {since} (until {end})."),
    "reason.never_started": ("Chưa có hoạt động nào kể từ {since} ngày {start}.",
                             "Nothing recorded since {since} on {start}."),
    "reason.since.received": ("khi nhận văn bản", "receipt"),
    "reason.since.phase": ("khi bắt đầu giai đoạn", "the start of the phase"),
    "reason.no_dated_tasks": ("Kế hoạch chưa có nhiệm vụ nào ghi thời hạn (trường due).",
                              "The plan has no task with a due date."),
    "reason.no_task_due": ("Chưa có nhiệm vụ nào đến hạn (hạn gần nhất {next}).",
                           "No task due yet (first due {next})."),
    "reason.task_item": ("{id} (hạn {due})", "{id} (due {due})"),
    "reason.task_late_item": ("{id} (hạn {due}, thực hiện {done})", "{id} (due {due}, done {done})"),
    "reason.tasks_undone": ("Nhiệm vụ đến hạn chưa có hoạt động: {items}.",
                            "Tasks due with no record: {items}."),
    "reason.tasks_late": ("Nhiệm vụ thực hiện muộn: {items}.", "Tasks done late: {items}."),
    "reason.gap_too_long": ("Có {days} ngày liền không có hoạt động ({start} – {end}); tối đa {limit} ngày.",
                   "{days} days without any record ({start} – {end}); at most {limit} allowed."),
    "reason.phase_open": ("Chưa hết giai đoạn (kết thúc {end}).", "The phase has not ended (ends {end})."),
    "reason.phase_no_end": ("Giai đoạn chưa có ngày kết thúc (trường phase_end trong dxtrack.yaml), nên chưa đến "
                            "hạn tổng kết.",
                            "The phase has no end date (field phase_end in dxtrack.yaml), so no final review is "
                            "due yet."),
    "reason.no_final_review": ("Chưa tổ chức tổng kết cuối giai đoạn (giai đoạn kết thúc {end}).",
                               "No final review at the end of the phase (the phase ends on {end})."),
    "reason.report_item": ("hạn {due}", "due {due}"),
    "reason.report_late_item": ("hạn {due}, gửi {sent}", "due {due}, sent {sent}"),
    "reason.reports_missing": ("Chưa gửi báo cáo kết quả ({items}).", "Result report not sent ({items})."),
    "reason.reports_late": ("Báo cáo gửi muộn ({items}).", "Report sent late ({items})."),
    "reason.report_not_due": ("Chưa đến hạn báo cáo ({due}).", "No report due yet (first due {due})."),
    "reason.report_no_dates": ("dxtrack.yaml chưa đặt hạn báo cáo (trường report_due).",
                               "dxtrack.yaml sets no report due date (field report_due)."),
}


def reason_text(reason: Any, lang: str) -> str:
    """The sentence of one reason in `lang`, starting with a capital letter."""
    from dxtrack.i18n import t_in

    words = _Words(lang)
    params = FORMATS.get(reason.code, _plain)(reason.params, words)
    text = t_in(lang, f"reason.{reason.code}", **params)
    first = text.split(" ", 1)[0]
    if "." in first.rstrip(".") or "_" in first:  # a file or field name (dxtrack.yaml) keeps its case
        return text
    return text[:1].upper() + text[1:]


def reason_texts(reasons: list, lang: str) -> list[str]:
    return [reason_text(r, lang) for r in reasons]


class _Words:
    """Helpers that word the parameters of a reason in one language."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        from dxtrack.i18n import t_in

        return t_in(self.lang, key, **params)

    def label(self, list_name: str, code: str) -> str:
        from dxtrack.models.codes import label

        return label(list_name, code, self.lang)

    def either(self, list_name: str, codes: list[str]) -> str:
        """`a, b hoặc c`: the labels of `codes`, as alternatives."""
        names = [self.label(list_name, c) for c in codes]
        if len(names) < 2:
            return "".join(names)
        return ", ".join(names[:-1]) + self("word.or") + names[-1]

    def join(self, items: list[str], how: str = "list") -> str:
        if how == "and" and len(items) > 1:
            return ", ".join(items[:-1]) + self("word.and") + items[-1]
        return ("; " if any("," in i for i in items) else ", ").join(items)

    def groups(self, list_name: str, groups: list[list[str]]) -> str:
        return self.join([self.either(list_name, g) for g in groups])


def day(value: str | None) -> str:
    """An ISO date parameter as dd/mm/yyyy (— when there is none)."""
    from dxtrack.text import short_date

    return short_date(date.fromisoformat(value) if value else None)


def _plain(params: dict, w: _Words) -> dict:
    return dict(params)


def _products_unnamed(p: dict, w: _Words) -> dict:
    # titles and ids from the records are quoted safely by t_in, as every text parameter is
    shown = [f"“{title}”" for title in p["titles"][:3]]
    if len(p["titles"]) > 3:
        shown.append(w("word.more", count=len(p["titles"]) - 3))
    return {"items": w.join(shown)}


Format = Callable[[dict, _Words], dict]
FORMATS: dict[str, Format] = {
    "no_plan": lambda p, w: {"left_out": w("reason.plan_left_out", file=p["file"]) if p.get("file") else ""},
    "plan_lacks": lambda p, w: {"items": w.join([w(f"plan_field.{f}") for f in p["fields"]])},
    "task_no_owner": lambda p, w: {"items": w.join([f"{x['id']} “{x['title']}”"
                                                       for x in p["tasks"]])},
    "no_review": lambda p, w: {"items": w.groups("review_kind", p["kinds"])},
    "no_event_kind": lambda p, w: {"items": w.groups("event_kind", p["kinds"])},
    "event_audience": lambda p, w: {"kinds": w.either("event_kind", p["event_kinds"]),
                                    "items": w.groups("audience", p["audiences"])},
    "no_event_mode": lambda p, w: {"items": w.join([w.label("mode", m) for m in p["modes"]], "and")},
    "no_leaders": lambda p, w: {"items": w.groups("event_kind", p["kinds"])},
    "no_partners": lambda p, w: {"items": w.join(list(p["partners"]))},
    "no_outlet": lambda p, w: {"items": w.groups("outlet", p["outlets"])},
    "no_product_kind": lambda p, w: {"items": w.groups("product_kind", p["kinds"])},
    "no_product_topic": lambda p, w: {"items": w.join([w.label("topic", x) for x in p["topics"]])},
    "few_product_kinds": lambda p, w: {"count": p["count"], "need": p["need"],
                                       "kinds": ", ".join(w.label("product_kind", k) for k in p["kinds"])},
    "no_product_audience": _products_unnamed,
    "topic_only_planned": lambda p, w: {"topic": w.label("topic", p["topic"])},
    "topic_missing": lambda p, w: {"topic": w.label("topic", p["topic"])},
    "no_channel": lambda p, w: {"items": w.groups("channel_kind", p["kinds"])},
    "channel_stale": lambda p, w: {"what": w.label("channel_kind", p["kind"]) if p["kind"] else w("word.channel"),
                                   "days": p["cadence_days"], "last": day(p["last"])},
    "started_late": lambda p, w: {"first": day(p["first"]), "days": p["days"], "limit": p["max"],
                                  "since": w("reason.since." + p["basis"])},
    "start_window_open": lambda p, w: {"limit": p["max"], "end": day(p["until"]),
                                       "since": w("reason.since." + p["basis"])},
    "never_started": lambda p, w: {"start": day(p["start"]), "since": w("reason.since." + p["basis"])},
    "no_task_due": lambda p, w: {"next": day(p["next"])},
    "tasks_undone": lambda p, w: {"items": w.join([w("reason.task_item", id=x["id"], due=day(x["due"]))
                                                   for x in p["tasks"]])},
    "tasks_late": lambda p, w: {"items": w.join([w("reason.task_late_item", id=x["id"], due=day(x["due"]),
                                                   done=day(x["done"])) for x in p["tasks"]])},
    "gap_too_long": lambda p, w: {"days": p["days"], "start": day(p["from"]), "end": day(p["to"]),
                                  "limit": p["max"]},
    "phase_open": lambda p, w: {"end": day(p["end"])},
    "no_final_review": lambda p, w: {"end": day(p["end"])},
    "reports_missing": lambda p, w: {"items": w.join([w("reason.report_item", due=day(d)) for d in p["due"]])},
    "reports_late": lambda p, w: {"items": w.join([w("reason.report_late_item", due=day(x["due"]),
                                                     sent=day(x["sent"])) for x in p["reports"]])},
    "report_not_due": lambda p, w: {"due": day(p["due"])},
}
