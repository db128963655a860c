"""Texts of `dxtrack status` and `dxtrack requirements` (the reasons are in i18n/reasons.py)."""

MESSAGES = {
    # words used to build lists
    "word.or": (" hoặc ", " or "),
    "word.and": (" và ", " and "),
    "word.more": ("và {count} sản phẩm khác", "and {count} more"),
    "word.channel": ("chuyên trang, chuyên mục", "page or section"),

}

MESSAGES.update({
    "status.did_you_mean": (" Có phải ý bạn là “{suggestion}”?", " Did you mean “{suggestion}”?"),
    "word.empty": ("", ""),
    "phase.default_name": ("Giai đoạn {id}", "Phase {id}"),
    "phase.open_window": ("từ {start}", "from {start}"),
    "phase.line": ("{name} ({window})", "{name} ({window})"),
    "phase.as_of_clamped": ("Ngày {requested} đã qua kết thúc giai đoạn: tình hình tính đến ngày {end}.",
                            "{requested} is after the end of the phase: the status is as of {end}."),
    "setup.unit_not_in_phase": ("{name} chưa được theo dõi trong giai đoạn {phase} tính đến ngày {as_of}: đơn vị "
                                "nhận văn bản ngày {received}. Chọn giai đoạn khác bằng --phase hoặc một ngày "
                                "sau bằng --as-of.",
                                "{name} is not tracked in phase {phase} as of {as_of}: it received the directive "
                                "on {received}. Choose another phase with --phase or a later day with --as-of."),
    "setup.unknown_phase": ("Không có giai đoạn \"{value}\" trong dxtrack.yaml; chọn một trong: {choices}.",
                            "There is no phase \"{value}\" in dxtrack.yaml; choose one of: {choices}."),
    "setup.as_of_before_phases": ("--as-of {value} trước ngày bắt đầu của giai đoạn đầu tiên ({phase}, từ {start}).",
                                  "--as-of {value} is before the first phase ({phase}, from {start})."),
    "setup.as_of_before_phase": ("--as-of {value} trước ngày bắt đầu của giai đoạn {phase} ({start}); bỏ --phase "
                                 "hoặc chọn một ngày từ {start}.",
                                 "--as-of {value} is before phase {phase} starts ({start}); leave out --phase or "
                                 "give a date from {start}."),
    "setup.ambiguous_unit": ("“{value}” khớp với nhiều đơn vị: {choices}. Hãy ghi rõ hơn.",
                             "“{value}” matches several units: {choices}. Be more specific."),
})

MESSAGES.update({
    "status.banner": ("DỮ LIỆU MINH HỌA — dữ liệu minh họa, không phải số liệu thật",
                      "DỮ LIỆU MINH HỌA — illustrative sample data, not real figures"),
    "status.title": ("Tình hình thực hiện Công văn {directive} — đến ngày {as_of}",
                     "Progress on Công văn {directive} — as of {as_of}"),
    "status.unit_title": ("{name} ({id}) — đến ngày {as_of}", "{name} ({id}) — as of {as_of}"),
    "status.col.unit": ("Đơn vị", "Unit"),
    "status.col.score": ("Điểm", "Score"),
    "status.col.last": ("Lần cuối", "Last"),
    "status.col.requirement": ("Yêu cầu", "Requirement"),
    "status.col.status": ("Tình trạng", "Status"),
    "status.col.reasons": ("Còn thiếu", "What is missing"),
    "status.col.task": ("Nhiệm vụ", "Task"),
    "status.col.due": ("Hạn", "Due"),
    "status.col.month": ("Tháng", "Month"),
    "status.col.count": ("Số lần", "Count"),
    "status.word.met": ("đạt", "met"),
    "status.word.partial": ("một phần", "partial"),
    "status.word.missing": ("chưa đạt", "missing"),
    "status.word.not_due": ("chưa đến hạn", "not due"),
    "status.word.n/a": ("không áp dụng", "n/a"),
    "status.summary": ("{count} đơn vị đang theo dõi; điểm trung bình {avg}.",
                       "{count} units tracked; average score {avg}."),
    "status.left_out": ("{count:,} tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính — chạy `dxtrack check` để xem.",
                        "{count:,} data files with errors or misplaced were left out — run `dxtrack check` to see "
                        "them."),
    "status.transferred_heading": ("Đã chuyển ({count})", "Transferred ({count})"),
    "status.transferred_line": ("{name} — đã chuyển sang {moved_to} từ {until}; không chấm điểm.",
                                "{name} — moved to {moved_to} on {until}; not scored."),
    "status.hint": ("Chi tiết một đơn vị: dxtrack status <mã đơn vị>. Nội dung các yêu cầu: dxtrack requirements.",
                    "One unit in detail: dxtrack status <unit>. What each requirement says: dxtrack requirements."),
    "status.cropped": ("Cửa sổ chỉ rộng {width} cột nên bảng bị cắt bớt bên phải; hãy mở rộng cửa sổ, "
                       "hoặc dùng --format markdown hay --format csv.",
                       "The window is only {width} columns wide, so the table is cut on the right; widen the "
                       "window, or use --format markdown or --format csv."),
    "status.no_units": ("units.yaml chưa có đơn vị nào.", "units.yaml lists no units."),
    "status.group.1": ("1. Chỉ đạo, quán triệt, tổ chức triển khai", "1. Direction, dissemination, organisation"),
    "status.group.2.1": ("2.1. Nội dung và hình thức (mọi đảng ủy trực thuộc)",
                         "2.1. Content and forms (every subordinate committee)"),
    "status.group.2.2": ("2.2. Cơ quan báo chí chủ lực (VTV, VOV, TTXVN)", "2.2. Press agencies (VTV, VOV, VNA)"),
    "status.group.3": ("3. Thời gian thực hiện", "3. Timing"),
    "status.unit_facts": ("Loại: {kind} · nhận văn bản {received} · điểm {score} · hoạt động gần nhất {last}",
                          "Kind: {kind} · received {received} · score {score} · last activity {last}"),
    "status.unit_start": (" (giai đoạn này tính từ {start})", " (this phase from {start})"),
    "status.unit_counts": ("Đã ghi nhận: {counts}.", "Recorded: {counts}."),
    "status.unit_left_out": ("{count:,} tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính — chạy `dxtrack check`.",
                             "{count:,} data files with errors or misplaced left out — run `dxtrack check`."),
    "status.unit_plan_left_out": ("Kế hoạch {file} có lỗi nên không được tính: đơn vị được đánh giá như chưa có "
                                  "kế hoạch.",
                                  "The plan {file} has errors, so it is not counted: the unit is assessed as having "
                                  "no plan."),
    "status.type.event": ("hoạt động", "events"),
    "status.type.product": ("sản phẩm", "products"),
    "status.type.channel": ("chuyên trang/chuyên mục", "channels"),
    "status.type.report": ("báo cáo", "reports"),
    "status.type1.event": ("hoạt động", "event"),
    "status.type1.product": ("sản phẩm", "product"),
    "status.type1.channel": ("chuyên mục", "channel"),
    "status.type1.report": ("báo cáo", "report"),
    "status.no_plan": ("Chưa có kế hoạch truyền thông (plans/{id}.yaml).",
                       "No communication plan (plans/{id}.yaml)."),
    "status.plan_heading": ("Nhiệm vụ trong kế hoạch {number}{issued}", "Tasks of plan {number}{issued}"),
    "status.plan_no_number": ("(chưa ghi số)", "(no number)"),
    "status.no_tasks": ("Kế hoạch chưa có nhiệm vụ nào.", "The plan has no tasks."),
    "status.task.done": ("đã thực hiện {done}", "done {done}"),
    "status.task.late": ("thực hiện muộn, {done}", "done late, {done}"),
    "status.task.overdue": ("QUÁ HẠN, chưa có hoạt động", "OVERDUE, nothing recorded"),
    "status.task.due_today": ("đến hạn hôm nay", "due today"),
    "status.task.upcoming": ("chưa đến hạn", "not yet due"),
    "status.task.open": ("không ghi hạn", "no due date"),
    "status.months_heading": ("Hoạt động theo tháng (số lần ghi nhận; ·· là tháng trống)",
                              "Activity by month (records counted; ·· is an empty month)"),
    "status.recent_heading": ("Ghi nhận gần đây", "Recent records"),
})

MESSAGES.update({
    "requirements.title": ("Các yêu cầu của Công văn 380-CV/ĐU ({count} yêu cầu)",
                           "The requirements of Công văn 380-CV/ĐU ({count})"),
    "requirements.binds": ("Áp dụng: {who}", "Binds: {who}"),
    "requirements.binds.all": ("mọi đảng ủy trực thuộc", "every subordinate committee"),
    "requirements.binds.press": ("cơ quan báo chí chủ lực", "press agencies"),
    "requirements.measure": ("Đánh giá: {text}", "Measured: {text}"),
    "requirements.unknown": ("Không có yêu cầu “{value}”; các mã là: {choices}.",
                             "There is no requirement “{value}”; the ids are: {choices}."),
})
