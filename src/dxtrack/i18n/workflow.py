"""Texts of the pull-request workflow: new, init, fmt, codeowners, the job summary."""

MESSAGES = {
    # dxtrack new
    "new.help": ("Tạo một bản ghi hay kế hoạch mới, hợp lệ (hỏi các trường còn thiếu khi chạy trong terminal).",
                 "Write a new valid record or plan (asks for missing fields when run in a terminal)."),
    "option.not_utf8": ("{option} \"{value}\" chứa byte không phải chữ viết (không phải UTF-8); "
                     "hãy gõ lại, hoặc đặt terminal dùng UTF-8.",
                     "{option} \"{value}\" holds bytes that are not text (not UTF-8); "
                     "type it again, or set the terminal to UTF-8."),
    "new.missing": ("Thiếu trường bắt buộc: {fields}. Hãy thêm {options}.",
                    "Required fields missing: {fields}. Add {options}."),
    "new.refused": ("Không ghi {rel}, vì:", "Not writing {rel}, because:"),
    "new.exists": ("Tệp {rel} đã có; dxtrack không ghi đè. Hãy sửa tệp đó.",
                   "{rel} already exists; dxtrack does not overwrite it. Edit that file instead."),
    "new.written": ("Đã ghi {rel}", "Wrote {rel}"),
    "new.not_written": ("Không ghi {rel}: {problem}.", "Not writing {rel}: {problem}."),
    "new.warning": ("Lưu ý: {message}", "Note: {message}"),
    "new.next": ("Kiểm tra lại nội dung, rồi: git add {rel} && git commit",
                 "Look it over, then: git add {rel} && git commit"),
    "new.aborted": ("Đã dừng; không ghi tệp nào.", "Stopped; nothing was written."),
    "new.no_units": ("units.yaml chưa có đơn vị nào; hãy thêm đơn vị trước.",
                     "units.yaml has no units yet; add one first."),
    "prompt.choose_one": ("Chọn số", "Choose a number"),
    "prompt.choose_many": ("Chọn một hay nhiều số, cách nhau bằng dấu phẩy",
                           "Choose one or more numbers, comma-separated"),
    "prompt.optional": (" (Enter để bỏ qua)", " (Enter to skip)"),
    "prompt.bad_choice": ("\"{value}\" không có trong danh sách; hãy nhập số thứ tự.",
                          "\"{value}\" is not in the list; type its number."),
    "prompt.bad_date": ("\"{value}\" không phải là ngày; viết YYYY-MM-DD hoặc dd/mm/yyyy.",
                        "\"{value}\" is not a date; write YYYY-MM-DD or dd/mm/yyyy."),
    "prompt.bad_number": ("\"{value}\" không phải là một số nguyên; hãy viết bằng chữ số, ví dụ 120.",
                          "\"{value}\" is not a whole number; write it in digits, e.g. 120."),
    "prompt.ascii_digits": ("\"{value}\" có chữ số không phải 0–9 (như ², ١٢ hay １２); "
                            "hãy viết bằng chữ số 0–9, ví dụ 120.",
                            "\"{value}\" holds digits other than 0–9 (such as ², ١٢ or １２); "
                            "write it with the digits 0–9, e.g. 120."),
    "prompt.too_many_digits": ("Số có {digits} chữ số, quá lớn (nhiều nhất {max} chữ số); hãy nhập lại.",
                               "A number of {digits} digits is too large (at most {max}); please type it again."),
    "prompt.no_such_day": ("\"{value}\" không phải là ngày có thật: {problem}.",
                           "\"{value}\" is not a real date: {problem}."),
    "prompt.refused": ("Không nhận được: {message} Hãy nhập lại.", "Not accepted: {message} Please type it again."),
    "prompt.option_refused": ("{option}: {message} Hãy chọn hoặc nhập lại.",
                              "{option}: {message} Choose or type it again."),
    "prompt.many_text": (" (cách nhau bằng dấu phẩy)", " (comma-separated)"),
    "new.kept": ("Để khỏi phải nhập lại, dưới đây là nội dung bạn đã nhập; "
                 "sửa lỗi nêu trên rồi chạy lại lệnh, hoặc lưu nội dung này lại để dùng sau:",
                 "So that you need not type it again, here is what you typed; "
                 "fix the problems above and run the command again, or save this text for later:"),
    "field.unit": ("Đơn vị", "Unit"),
    "field.kind": ("Loại", "Kind"),
    "field.title": ("Tiêu đề", "Title"),
    "field.date": ("Ngày (YYYY-MM-DD)", "Date (YYYY-MM-DD)"),
    "field.published": ("Ngày đăng, phát (YYYY-MM-DD)", "Published on (YYYY-MM-DD)"),
    "field.started": ("Ngày bắt đầu (YYYY-MM-DD)", "Started on (YYYY-MM-DD)"),
    "field.mode": ("Hình thức", "Mode"),
    "field.outlet": ("Loại hình kênh", "Outlet"),
    "field.channels": ("Kênh đăng, phát", "Channels"),
    "field.cadence_days": ("Chu kỳ cập nhật (số ngày)", "Update interval (days)"),
    "field.topics": ("Nội dung tuyên truyền", "Topics"),
    "field.audiences": ("Đối tượng", "Audiences"),
    "field.plan_task": ("Thuộc nhiệm vụ nào trong kế hoạch", "Which plan task it carries out"),
    "field.url": ("Đường dẫn (https://...)", "Link (https://...)"),
    "field.number": ("Số ký hiệu (ví dụ 45-KH/ĐU)", "Number (e.g. 45-KH/ĐU)"),
    "field.issued": ("Ngày ban hành (YYYY-MM-DD)", "Issued on (YYYY-MM-DD)"),
    "field.resources.staff": ("Nhân sự thực hiện (ví dụ: Ban Tuyên giáo, 3 cán bộ chuyên trách)",
                              "Staff (e.g. the communication department, 3 officers)"),
    "field.resources.means": ("Phương tiện (ví dụ: Cổng thông tin điện tử, trang Zalo OA)",
                              "Means (e.g. the web portal, a Zalo OA page)"),
    "field.resources.budget_vnd": ("Kinh phí (số đồng, ví dụ 150000000)", "Budget (in đồng, e.g. 150000000)"),
    "field.platforms": ("Nền tảng số sử dụng (website, facebook, zalo, youtube, ...)",
                        "Platforms used (website, facebook, zalo, youtube, ...)"),
}
MESSAGES.update({
    # the commented template `dxtrack new plan` writes for the tasks and reviews of a plan
    "new.plan_template.tasks": (
        "# Nhiệm vụ của kế hoạch (tiêu chí 1.4, 2.1, 3.b). Để thêm: bỏ dấu \"# \" ở đầu các dòng dưới\n"
        "# đây, kể cả dòng \"tasks:\", rồi sửa theo kế hoạch; mỗi nhiệm vụ bắt đầu bằng \"- id:\".\n"
        "# tasks:\n"
        "#   - id: t1                                  # mã nhiệm vụ, không trùng nhau\n"
        "#     title: Hội nghị quán triệt Kế hoạch 02  # tên nhiệm vụ\n"
        "#     owner: Ban Tuyên giáo Đảng ủy Bộ        # tập thể, cá nhân phụ trách\n"
        "#     due: 2025-09-15                         # hạn hoàn thành (NĂM-THÁNG-NGÀY)\n"
        "#     topics: [plan02]                        # nội dung: significance, plan02, public_services,\n"
        "#                                             #   models, counter_misinformation\n",
        "# The plan's tasks (requirements 1.4, 2.1, 3.b). To add them: remove the \"# \" at the start of\n"
        "# the lines below, the \"tasks:\" line too, and edit them; each task starts with \"- id:\".\n"
        "# tasks:\n"
        "#   - id: t1                                  # the task's id, unique in the plan\n"
        "#     title: Hội nghị quán triệt Kế hoạch 02  # what the task is\n"
        "#     owner: Ban Tuyên giáo Đảng ủy Bộ        # the body or person in charge\n"
        "#     due: 2025-09-15                         # due date (YEAR-MONTH-DAY)\n"
        "#     topics: [plan02]                        # topics: significance, plan02, public_services,\n"
        "#                                             #   models, counter_misinformation\n"),
    "new.plan_template.reviews": (
        "# Lịch kiểm tra, giám sát, sơ kết, tổng kết (tiêu chí 1.4.b). Để thêm: bỏ dấu \"# \" như trên.\n"
        "# reviews:\n"
        "#   - kind: preliminary_review                # inspection (kiểm tra), supervision (giám sát),\n"
        "#                                             #   preliminary_review (sơ kết), final_review (tổng kết)\n"
        "#     due: 2025-10-31                         # hạn (NĂM-THÁNG-NGÀY)\n",
        "# Scheduled inspections, supervision and reviews (requirement 1.4.b). To add them: as above.\n"
        "# reviews:\n"
        "#   - kind: preliminary_review                # inspection, supervision, preliminary_review,\n"
        "#                                             #   final_review\n"
        "#     due: 2025-10-31                         # due date (YEAR-MONTH-DAY)\n"),
})
MESSAGES.update({
    # dxtrack init
    "init.help": ("Tạo một kho theo dõi mới: cài đặt, đơn vị, thư mục, kiểm tra tự động, README.",
                  "Create a new tracker repo: settings, units, folders, CI checks, a README."),
    "init.not_empty": ("Thư mục {dir} không trống; dxtrack init chỉ tạo kho trong thư mục trống "
                       "(dùng --force để thêm vào thư mục này; các tệp đã có được giữ nguyên).",
                       "{dir} is not empty; dxtrack init creates a repo in an empty folder only "
                       "(use --force to add to it; files that exist are kept as they are)."),
    "init.not_dir": ("{dir} là một tệp, không phải thư mục.", "{dir} is a file, not a folder."),
    "init.org_empty": ("--organization không được để trống: hãy ghi tên cơ quan theo dõi, "
                       "ví dụ --organization \"Đảng ủy Chính phủ\".",
                       "--organization must not be empty: give the name of the tracking body, "
                       "e.g. --organization \"Đảng ủy Chính phủ\"."),
    "init.org_not_utf8": ("--organization \"{value}\" chứa byte không phải chữ viết (không phải UTF-8); "
                          "hãy gõ lại tên cơ quan, hoặc đặt terminal dùng UTF-8.",
                          "--organization \"{value}\" holds bytes that are not text (not UTF-8); "
                          "type the name again, or set the terminal to UTF-8."),
    "init.org_control": ("--organization \"{value}\" chứa ký tự {char} (xuống dòng hay ký tự điều khiển "
                         "không nhìn thấy được); tên cơ quan phải viết trên một dòng, không có ký tự đó.",
                         "--organization \"{value}\" holds the character {char} (a line break or an "
                         "invisible control character); write the name on one line, without it."),
    "init.bad_ci": ("--ci \"{value}\" không có; chọn một trong: {choices}.",
                    "--ci \"{value}\" does not exist; choose one of: {choices}."),
    "init.source_empty": ("--source không được để trống: hãy ghi nơi cài dxtrack, ví dụ --source {example}.",
                          "--source must not be empty: say where to install dxtrack from, "
                          "e.g. --source {example}."),
    "init.source_long": ("--source dài {length} ký tự, quá {max}; hãy ghi ngắn hơn.",
                         "--source is {length} characters long, more than {max}; write a shorter one."),
    "init.source_char": ("--source \"{value}\" có ký tự {char}, không dùng được ở đây (nơi cài dxtrack "
                         "được ghi vào tệp CI và lệnh cài đặt: không dấu cách, dấu nháy, $, `, \\, ;, |, &, "
                         "#, (, ), {{, }}, *, ?); hãy ghi một gói như {example}, một địa chỉ git "
                         "git+https://…/dxtrack@v… hoặc một đường dẫn.",
                         "--source \"{value}\" holds the character {char}, which cannot be used here (it is "
                         "written into the CI files and the install command: no spaces, quotes, $, `, \\, ;, |, "
                         "&, #, (, ), {{, }}, *, ?); give a package such as {example}, a git address "
                         "git+https://…/dxtrack@v… or a path."),
    "init.source_start": ("--source \"{value}\" bắt đầu bằng {char}; nơi cài dxtrack phải bắt đầu bằng chữ, "
                          "số, dấu chấm hay /, ví dụ {example} hoặc ./vendor/dxtrack "
                          "(tùy chọn của pip không dùng được ở đây).",
                          "--source \"{value}\" starts with {char}; where to install dxtrack from must start "
                          "with a letter, a digit, a dot or /, e.g. {example} or ./vendor/dxtrack "
                          "(options of pip cannot be given here)."),
    "init.written": ("Đã tạo kho theo dõi ở {dir}:", "Created a tracker repo in {dir}:"),
    "init.kept": ("  (đã có, giữ nguyên) {rel}", "  (exists, kept) {rel}"),
    "init.next": ("Tiếp theo: sửa units.yaml (thêm các đơn vị), rồi\n"
                  "  cd {dir} && git init && git add . && git commit -m \"Kho theo dõi 380-CV/ĐU\"\n"
                  "  dxtrack check",
                  "Next: edit units.yaml (add the units), then\n"
                  "  cd {dir} && git init && git add . && git commit -m \"380-CV/ĐU tracker\"\n"
                  "  dxtrack check"),
})
MESSAGES.update({
    # dxtrack fmt
    "fmt.help": ("Chuẩn hóa tệp: nhãn tiếng Việt → mã, Unicode NFC; giữ nguyên chú thích và thứ tự.",
                 "Canonical form: Vietnamese labels → codes, Unicode NFC; keeps comments and key order."),
    "fmt.unsafe": ("Không chuẩn hóa tự động được tệp này mà giữ nguyên nội dung; hãy sửa các nhãn thành mã bằng tay.",
                   "This file cannot be formatted automatically without changing what it says; "
                   "write the codes for its labels by hand."),
    "fmt.changed": ("đã chuẩn hóa {rel}", "formatted {rel}"),
    "fmt.would_change": ("cần chuẩn hóa {rel}", "would format {rel}"),
    "fmt.skipped": ("bỏ qua {rel}:{line}:{column}: {message}", "skipped {rel}:{line}:{column}: {message}"),
    "fmt.summary": ("{changed} tệp được chuẩn hóa, {same} tệp đã chuẩn.",
                    "{changed} file(s) formatted, {same} already canonical."),
    "fmt.summary_check": ("{changed} tệp cần chuẩn hóa (chạy `dxtrack fmt`), {same} tệp đã chuẩn.",
                          "{changed} file(s) to format (run `dxtrack fmt`), {same} already canonical."),
    "fmt.summary_skipped": ("{skipped} tệp không đọc được nên không sửa; chạy `dxtrack check` để xem lỗi.",
                            "{skipped} file(s) could not be read and were left alone; run `dxtrack check`."),
    "fmt.not_written": ("không ghi {rel}: {problem}.", "not written {rel}: {problem}."),
    "fmt.summary_not_written": ("{n} tệp cần chuẩn hóa nhưng không ghi được (lý do ở trên).",
                                "{n} file(s) to format could not be written (why is above)."),
})
MESSAGES.update({
    # dxtrack codeowners
    "codeowners.help": ("Tạo tệp CODEOWNERS từ owners trong units.yaml (và dxtrack.yaml cho ban thư ký).",
                        "Write CODEOWNERS from the owners in units.yaml (and dxtrack.yaml for the secretariat)."),
    "codeowners.header1": ("# Tạo bởi `dxtrack codeowners` từ units.yaml và dxtrack.yaml; đừng sửa tay.",
                           "# Made by `dxtrack codeowners` from units.yaml and dxtrack.yaml; do not edit by hand."),
    "codeowners.header2": ("# Mỗi đơn vị duyệt kế hoạch và hoạt động của mình; ban thư ký duyệt phần còn lại.",
                           "# Each unit reviews its own plan and activities; the secretariat reviews the rest."),
    "codeowners.unit_unowned": ("# {unit}: chưa có owners trong units.yaml", "# {unit}: no owners in units.yaml"),
    "codeowners.warn_unowned": ("Lưu ý: đơn vị chưa có owners trong units.yaml: {units}.",
                                "Note: units without owners in units.yaml: {units}."),
    "codeowners.warn_secretariat": ("Lưu ý: dxtrack.yaml chưa có owners (người duyệt của ban thư ký), nên "
                                    "dxtrack.yaml, units.yaml và templates/ chưa có người duyệt.",
                                    "Note: dxtrack.yaml has no owners (the secretariat's reviewers), so "
                                    "dxtrack.yaml, units.yaml and templates/ have no reviewers."),
    "codeowners.exists": ("Tệp {path} đã có; thêm --force để ghi đè.", "{path} exists; add --force to replace it."),
    "codeowners.written": ("Đã ghi {path}", "Wrote {path}"),
})
MESSAGES.update({
    # the GitHub Actions job summary of dxtrack check
    # {ref}: a Markdown code span made by the job summary (render.escape.md_code)
    "summary.changed_only": ("(chỉ tính các tệp thay đổi từ {ref})", "(only files changed since {ref} count)"),
    "summary.table_header": ("| Tệp:dòng | Mã | Mức | Nội dung |", "| File:line | Code | Severity | Message |"),
    "summary.more": ("… và {count} lỗi, cảnh báo khác (xem nhật ký của job).",
                     "… and {count} more (see the job log)."),
    "summary.delta_heading": ("Thay đổi về tình hình thực hiện so với {ref} (tính đến {as_of})",
                              "What this change does to the status, against {ref} (as of {as_of})"),
    "summary.no_moves": ("Không yêu cầu nào của đơn vị nào đổi trạng thái.",
                         "No unit's requirement changes status."),
    "summary.score": ("điểm", "score"),
    "summary.unit_added": ("đơn vị mới được theo dõi, điểm {score}", "unit newly tracked, score {score}"),
    "summary.unit_removed": ("không còn được theo dõi (điểm trước đó {score})",
                             "no longer tracked (score before {score})"),
    "summary.delta_unavailable": ("Chưa đánh giá được tình hình (dxtrack.yaml hoặc units.yaml có lỗi).",
                                  "The status cannot be evaluated (dxtrack.yaml or units.yaml has errors)."),
    "summary.not_written": ("Lưu ý: không ghi được tóm tắt vào {path}.",
                            "Note: could not write the job summary to {path}."),
})
