"""Every reason code an evaluator may give, documented once.

A reason is data: `Reason(code, params)`. Its words are made at the edge, by
`dxtrack.i18n.reasons`, in the user's language. `merge` names the list parameter along
which reasons of one requirement with the same code (and otherwise equal parameters)
are put together: 2.2.a lacking print and radio gives one reason naming both.

docs/reasons.md is the table of this catalog; a test keeps the two in step and
another triggers every code.
"""

from __future__ import annotations

from dataclasses import dataclass

from dxtrack.evaluate.status import Reason


@dataclass(frozen=True)
class ReasonCode:
    meaning: str                  # what it means, in English (for the docs)
    params: str = ""              # its parameters, as documented
    merge: str | None = None      # the list parameter merged across criteria


REASONS: dict[str, ReasonCode] = {
    "press_only": ReasonCode("the requirement binds only the press agencies (status n/a)"),
    "no_plan": ReasonCode("the unit has no communication plan (that counts: `file` names a plan file left out "
                          "for its errors)", "file (only when a plan file is left out)"),
    "plan_lacks": ReasonCode("the plan does not state some of what 1.3 asks",
                             "fields: [number_issued|audiences|staff|means|budget|platforms]", "fields"),
    "no_tasks": ReasonCode("the plan has no task"),
    "task_no_owner": ReasonCode("plan tasks without an owner", "tasks: [{id, title}]", "tasks"),
    "no_review": ReasonCode("the plan schedules none of these reviews", "kinds: [[review kind]]", "kinds"),
    "no_event_kind": ReasonCode("no event of any of these kinds", "kinds: [[event kind]]", "kinds"),
    "event_audience": ReasonCode("events of these kinds have not reached these audiences",
                                 "event_kinds: [event kind], audiences: [[audience]]", "audiences"),
    "no_event_mode": ReasonCode("no event held in this form", "modes: [mode]", "modes"),
    "no_leaders": ReasonCode("events of these kinds name no leaders taking part", "kinds: [[event kind]]",
                             "kinds"),
    "no_partners": ReasonCode("no event names these coordination partners", "partners: [name]", "partners"),
    "no_outlet": ReasonCode("no product published on any of these outlets", "outlets: [[outlet]]", "outlets"),
    "no_product_kind": ReasonCode("no product of any of these kinds", "kinds: [[product kind]]", "kinds"),
    "no_product_topic": ReasonCode("no product covers these topics", "topics: [topic]", "topics"),
    "no_products": ReasonCode("no media product at all"),
    "few_product_kinds": ReasonCode("products of fewer distinct kinds than the threshold",
                                    "count, kinds: [product kind], need"),
    "no_product_audience": ReasonCode("products that name no audience", "titles: [title]", "titles"),
    "topic_only_planned": ReasonCode("the topic is only in a plan task, in no event or product", "topic"),
    "topic_missing": ReasonCode("no event or product covers the topic", "topic"),
    "no_channel": ReasonCode("no channel of these kinds", "kinds: [[channel kind]]", "kinds"),
    "channel_stale": ReasonCode("no channel updated within its cadence",
                                "kind (channel kind, null for several), cadence_days, last (date)"),
    "started_late": ReasonCode("the first communication record came after the start window",
                               "first (date), days, max, start (date), basis (received | phase)"),
    "start_window_open": ReasonCode("the start window is still open, nothing recorded yet",
                                    "max, until (date), start (date), basis (received | phase)"),
    "never_started": ReasonCode("nothing recorded since the unit's start", "start (date), basis (received | phase)"),
    "no_dated_tasks": ReasonCode("the plan has no task with a due date"),
    "no_task_due": ReasonCode("no plan task is due yet", "next (date)"),
    "tasks_undone": ReasonCode("plan tasks due with no linked record", "tasks: [{id, due}]", "tasks"),
    "tasks_late": ReasonCode("plan tasks whose linked record came after the due date",
                             "tasks: [{id, due, done}]", "tasks"),
    "gap_too_long": ReasonCode("the longest stretch without communication exceeds the threshold",
                               "days, from (date), to (date), max"),
    "phase_open": ReasonCode("the phase has not reached its last day", "end (date)"),
    "phase_no_end": ReasonCode("the phase has no last day set (no phase_end), so the final review is not due"),
    "no_final_review": ReasonCode("no final review event by the end of the phase", "end (date)"),
    "reports_missing": ReasonCode("report due dates passed with no report", "due: [date]", "due"),
    "reports_late": ReasonCode("reports sent after their due date", "reports: [{due, sent}]", "reports"),
    "report_not_due": ReasonCode("no report due date has come yet", "due (date)"),
    "report_no_dates": ReasonCode("the settings set no report due date"),
}


def merge_reasons(reasons: list[Reason]) -> list[Reason]:
    """Reasons with the same code and the same parameters but their merge list, put together
    (items in order, each once); the others as they are, each once."""
    if len(reasons) == 1:  # the usual case: nothing to merge, the same copy the loop below makes
        reason = reasons[0]
        return [Reason(reason.code, {k: list(v) if isinstance(v, list) else v for k, v in reason.params.items()})]
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
