"""Words of the workbooks (`export xlsx`, its template, `import`): sheet names, column
headers, the notes sheet, and what `import` says about a cell.

A column's header is `sheets.col.<sheet>.<key>` where one sheet names it its own way, else
`sheets.col.<key>`; its note and its example follow the same rule (`sheets.note.*`,
`sheets.example.*`). `problem_text` words a problem `dxtrack.sheets.rows` found.
"""

from __future__ import annotations

from typing import Any

MESSAGES = {
    # sheets
    "sheets.sheet.event": ("Hoạt động", "Events"),
    "sheets.sheet.product": ("Sản phẩm", "Products"),
    "sheets.sheet.channel": ("Chuyên trang, chuyên mục", "Channels"),
    "sheets.sheet.report": ("Báo cáo", "Reports"),
    "sheets.sheet.units": ("Đơn vị", "Units"),
    "sheets.sheet.plans": ("Kế hoạch", "Plans"),
    "sheets.sheet.tasks": ("Nhiệm vụ", "Plan tasks"),
    "sheets.sheet.notes": ("Hướng dẫn", "Notes"),
    "sheets.sheet.catalog": ("Danh mục", "Lists"),
    # column headers
    "sheets.col.unit": ("Mã đơn vị", "Unit id"),
    "sheets.col.event.kind": ("Loại hoạt động", "Event kind"),
    "sheets.col.product.kind": ("Loại sản phẩm", "Product kind"),
    "sheets.col.channel.kind": ("Loại chuyên trang, chuyên mục", "Channel kind"),
    "sheets.col.units.kind": ("Loại đơn vị", "Unit kind"),
    "sheets.col.title": ("Tiêu đề", "Title"),
    "sheets.col.plans.title": ("Tên kế hoạch", "Plan title"),
    "sheets.col.tasks.title": ("Tên nhiệm vụ", "Task"),
    "sheets.col.date": ("Ngày", "Date"),
    "sheets.col.event.date": ("Ngày tổ chức", "Date held"),
    "sheets.col.report.date": ("Ngày báo cáo", "Report date"),
    "sheets.col.mode": ("Hình thức", "Mode"),
    "sheets.col.topics": ("Nội dung tuyên truyền", "Topics"),
    "sheets.col.audiences": ("Đối tượng", "Audiences"),
    "sheets.col.participants": ("Số người tham dự", "Participants"),
    "sheets.col.leaders": ("Lãnh đạo tham dự", "Leaders present"),
    "sheets.col.partners": ("Cơ quan phối hợp", "Partners"),
    "sheets.col.plan_task": ("Mã nhiệm vụ trong kế hoạch", "Plan task id"),
    "sheets.col.evidence": ("Minh chứng", "Evidence"),
    "sheets.col.note": ("Ghi chú", "Note"),
    "sheets.col.published": ("Ngày đăng, phát", "Published"),
    "sheets.col.channels": ("Kênh đăng, phát", "Channels"),
    "sheets.col.url": ("Đường dẫn", "Link"),
    "sheets.col.metrics.views": ("Lượt xem", "Views"),
    "sheets.col.metrics": ("Số liệu khác", "Other metrics"),
    "sheets.col.outlet": ("Loại hình", "Outlet"),
    "sheets.col.started": ("Ngày bắt đầu", "Started"),
    "sheets.col.cadence_days": ("Chu kỳ cập nhật (ngày)", "Update interval (days)"),
    "sheets.col.updates": ("Các ngày cập nhật", "Update dates"),
    "sheets.col.number": ("Số ký hiệu", "Number"),
    "sheets.col.period.from": ("Kỳ báo cáo từ ngày", "Period from"),
    "sheets.col.period.to": ("Kỳ báo cáo đến ngày", "Period to"),
    "sheets.col.id": ("Mã", "Id"),
    "sheets.col.units.id": ("Mã đơn vị", "Unit id"),
    "sheets.col.tasks.id": ("Mã nhiệm vụ", "Task id"),
    "sheets.col.name": ("Tên đơn vị", "Unit name"),
    "sheets.col.owners": ("Người phụ trách trên GitHub", "Owners (GitHub)"),
    "sheets.col.received": ("Ngày nhận Công văn", "Received"),
    "sheets.col.until": ("Chuyển đi từ ngày", "Left on"),
    "sheets.col.moved_to": ("Chuyển đến", "Moved to"),
    "sheets.col.phase": ("Giai đoạn", "Phase"),
    "sheets.col.issued": ("Ngày ban hành", "Issued"),
    "sheets.col.resources.staff": ("Nhân sự", "Staff"),
    "sheets.col.resources.means": ("Phương tiện", "Means"),
    "sheets.col.resources.budget_vnd": ("Kinh phí (đồng)", "Budget (VND)"),
    "sheets.col.platforms": ("Nền tảng", "Platforms"),
    "sheets.col.reviews": ("Kiểm tra, sơ kết, tổng kết", "Reviews"),
    "sheets.col.owner": ("Phụ trách", "Owner"),
    "sheets.col.due": ("Hạn hoàn thành", "Due"),
    # what each column holds (the notes sheet, the cell's input message)
    "sheets.note.unit": ("Đơn vị thực hiện: mã trong units.yaml (chọn trong danh sách).",
                         "The unit: its id in units.yaml (pick it from the list)."),
    "sheets.note.event.kind": ("Loại hoạt động (chọn trong danh sách).", "What kind of event (pick from the list)."),
    "sheets.note.product.kind": ("Loại sản phẩm truyền thông (chọn trong danh sách).",
                                 "What kind of media product (pick from the list)."),
    "sheets.note.channel.kind": ("Chuyên trang, chuyên mục, loạt bài hay bản tin định kỳ (chọn trong danh sách).",
                                 "A dedicated page, section, article series or periodic newsletter "
                                 "(pick from the list)."),
    "sheets.note.title": ("Tên hoạt động, sản phẩm, chuyên mục hay báo cáo, như trong văn bản.",
                          "The name of the event, product, channel or report, as in its documents."),
    "sheets.note.event.date": ("Ngày tổ chức.", "The day it was held."),
    "sheets.note.report.date": ("Ngày ký báo cáo.", "The day the report was signed."),
    "sheets.note.mode": ("Trực tiếp, trực tuyến hay kết hợp (chọn trong danh sách).",
                         "In person, online or hybrid (pick from the list)."),
    "sheets.note.topics": ("Nội dung tuyên truyền theo Công văn 380-CV/ĐU.",
                           "The topics of Công văn 380-CV/ĐU covered."),
    "sheets.note.audiences": ("Đối tượng được tuyên truyền.", "Who it was for."),
    "sheets.note.participants": ("Số người tham dự.", "How many took part."),
    "sheets.note.leaders": ("Lãnh đạo tham dự (nếu có).", "Leaders who took part, if any."),
    "sheets.note.partners": ("Cơ quan phối hợp tổ chức (nếu có).", "Bodies it was organised with, if any."),
    "sheets.note.plan_task": ("Mã nhiệm vụ trong kế hoạch truyền thông của đơn vị mà hoạt động này thực hiện, "
                              "ví dụ t1 (xem trang Nhiệm vụ khi có).",
                              "The id of the task of the unit's plan this carries out, e.g. t1."),
    "sheets.note.evidence": ("Minh chứng: đường dẫn https://... hoặc tệp trong thư mục evidence/; thêm ghi chú "
                             "sau dấu |.", "Evidence: https://... links or files under evidence/; a note after |."),
    "sheets.note.note": ("Ghi chú thêm (không bắt buộc).", "Anything else worth noting."),
    "sheets.note.published": ("Ngày đăng, phát sản phẩm.", "The day it was published or broadcast."),
    "sheets.note.channels": ("Kênh đã đăng, phát sản phẩm.", "Where it was published or broadcast."),
    "sheets.note.url": ("Đường dẫn tới sản phẩm, chuyên mục.", "A link to it."),
    "sheets.note.metrics.views": ("Số lượt xem, nghe, đọc.", "How many views, listens or reads."),
    "sheets.note.metrics": ("Số liệu khác dạng tên: số, ví dụ chia_se: 120.", "Other figures as name: number."),
    "sheets.note.outlet": ("Loại hình của chuyên trang, chuyên mục (chọn trong danh sách).",
                           "Where the channel is kept (pick from the list)."),
    "sheets.note.started": ("Ngày bắt đầu chuyên trang, chuyên mục.", "The day the channel started."),
    "sheets.note.cadence_days": ("Chu kỳ cập nhật đã cam kết, tính bằng ngày (7 = hằng tuần).",
                                 "The promised update interval in days (7 = weekly)."),
    "sheets.note.updates": ("Các ngày đã cập nhật.", "The days it was updated."),
    "sheets.note.number": ("Số ký hiệu văn bản.", "The document's number."),
    "sheets.note.period.from": ("Ngày đầu kỳ báo cáo.", "The first day of the period reported on."),
    "sheets.note.period.to": ("Ngày cuối kỳ báo cáo.", "The last day of the period reported on."),
    "sheets.note.view_only": ("Chỉ để xem: lệnh import không đọc trang này; sửa trong tệp YAML của kho theo dõi.",
                              "For reading only: import does not read this sheet; change the tracker's YAML files."),
    # examples
    "sheets.example.unit": ("bo-y-te", "bo-y-te"),
    "sheets.example.event.kind": ("hội nghị quán triệt", "dissemination meeting"),
    "sheets.example.product.kind": ("phóng sự", "reportage"),
    "sheets.example.channel.kind": ("chuyên mục", "section"),
    "sheets.example.event.title": ("Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW", "Hội nghị quán triệt Kế hoạch 02"),
    "sheets.example.product.title": ("Phóng sự \"Dịch vụ công toàn trình\"", "Phóng sự \"Dịch vụ công toàn trình\""),
    "sheets.example.channel.title": ("Chuyên mục \"Chuyển đổi số\" trên Cổng TTĐT",
                                     "Chuyên mục \"Chuyển đổi số\" trên Cổng TTĐT"),
    "sheets.example.report.title": ("Báo cáo kết quả thực hiện Công văn 380-CV/ĐU",
                                    "Báo cáo kết quả thực hiện Công văn 380-CV/ĐU"),
    "sheets.example.date": ("29/08/2025", "29/08/2025"),
    "sheets.example.report.date": ("10/12/2025", "10/12/2025"),
    "sheets.example.mode": ("trực tiếp", "in person"),
    "sheets.example.topics": ("ý nghĩa; kế hoạch 02", "significance; plan02"),
    "sheets.example.audiences": ("cấp ủy; đảng viên", "party committees; party members"),
    "sheets.example.participants": ("250", "250"),
    "sheets.example.leaders": ("Lãnh đạo Ban Chỉ đạo Trung ương", "Lãnh đạo Ban Chỉ đạo Trung ương"),
    "sheets.example.partners": ("Bộ Văn hóa, Thể thao và Du lịch; Ban Tuyên giáo và Dân vận Trung ương",
                                "Bộ Văn hóa, Thể thao và Du lịch; Ban Tuyên giáo và Dân vận Trung ương"),
    "sheets.example.plan_task": ("t1", "t1"),
    "sheets.example.evidence": ("https://example.vn/tin-hoi-nghi | Tin trên Cổng TTĐT",
                                "https://example.vn/tin-hoi-nghi | news item"),
    "sheets.example.note": ("Tổ chức tại hội trường tầng 3", "Held in the main hall"),
    "sheets.example.published": ("20/09/2025", "20/09/2025"),
    "sheets.example.channels": ("truyền hình; nền tảng số", "television; digital platform"),
    "sheets.example.url": ("https://example.vn/phong-su-dvc", "https://example.vn/phong-su-dvc"),
    "sheets.example.metrics.views": ("120000", "120000"),
    "sheets.example.metrics": ("chia_se: 350", "shares: 350"),
    "sheets.example.outlet": ("trang thông tin điện tử", "website"),
    "sheets.example.started": ("01/09/2025", "01/09/2025"),
    "sheets.example.cadence_days": ("7", "7"),
    "sheets.example.updates": ("08/09/2025; 15/09/2025", "08/09/2025; 15/09/2025"),
    "sheets.example.number": ("12-BC/ĐU", "12-BC/ĐU"),
    "sheets.example.period.from": ("20/08/2025", "20/08/2025"),
    "sheets.example.period.to": ("10/12/2025", "10/12/2025"),
    # how to write a value, by the kind of value a column holds
    "sheets.how.text": ("Chữ.", "Text."),
    "sheets.how.unit": ("Mã đơn vị trong units.yaml: {choices}.", "A unit id of units.yaml: {choices}."),
    "sheets.how.code": ("Một trong: {choices}. Có dấu hay không dấu, chữ hoa hay thường đều được.",
                        "One of: {choices}. With or without diacritics, any case."),
    "sheets.how.codes": ("Một hoặc nhiều trong: {choices}; nhiều giá trị thì cách nhau bằng dấu chấm phẩy (;).",
                         "One or more of: {choices}; several separated by semicolons (;)."),
    "sheets.how.texts": ("Một hoặc nhiều tên, cách nhau bằng dấu chấm phẩy (;).",
                         "One or more names, separated by semicolons (;)."),
    "sheets.how.date": ("Ngày dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 29/08/2025.",
                        "A date as day/month/year (dd/mm/yyyy), e.g. 29/08/2025."),
    "sheets.how.dates": ("Một hoặc nhiều ngày dạng dd/mm/yyyy, cách nhau bằng dấu chấm phẩy (;).",
                         "One or more dates as dd/mm/yyyy, separated by semicolons (;)."),
    "sheets.how.int": ("Số nguyên, chỉ gồm chữ số, không có dấu chấm ngăn cách hàng nghìn: viết 1000, "
                       "không viết 1.000.", "A whole number in digits only, without thousands separators: 1000."),
    "sheets.how.url": ("Đường dẫn bắt đầu bằng http:// hoặc https://.", "A link starting with http:// or https://."),
    "sheets.how.evidence": ("Đường dẫn https://... hoặc tệp evidence/...; nhiều minh chứng thì cách nhau bằng "
                            "dấu chấm phẩy (;); ghi chú sau dấu |.",
                            "https://... links or evidence/... files, separated by semicolons (;); a note after |."),
    "sheets.how.metrics": ("Cặp tên: số, cách nhau bằng dấu chấm phẩy (;).", "name: number pairs, separated by ;."),
    "sheets.how.reviews": ("Loại và hạn, cách nhau bằng dấu chấm phẩy (;).", "Kind and due date, separated by ;."),
    "sheets.prompt.code": ("Chọn trong danh sách (gõ không dấu cũng được).",
                           "Pick from the list (or type it, diacritics optional)."),
    "sheets.prompt.codes": ("Một hoặc nhiều giá trị, cách nhau bằng dấu chấm phẩy (;); các giá trị được phép ở "
                            "trang Hướng dẫn.", "One or more values separated by semicolons (;); the values "
                            "allowed are on the Notes sheet."),
    "sheets.required.yes": ("Bắt buộc", "Required"),
    "sheets.required.no": ("Không bắt buộc", "Optional"),
    # the notes sheet
    "sheets.notes.title": ("Hướng dẫn nhập hoạt động, sản phẩm, chuyên mục và báo cáo cho dxtrack",
                           "How to fill in events, products, channels and reports for dxtrack"),
    "sheets.notes.sample": ("DỮ LIỆU MINH HỌA: các hoạt động trong tệp này là giả định.",
                            "SAMPLE DATA: the activities in this file are made up."),
    "sheets.notes.rule.rows": ("Mỗi dòng là một bản ghi: một hoạt động, sản phẩm, chuyên trang, chuyên mục hay báo "
                               "cáo; ghi vào trang tương ứng, từ dòng ngay dưới dòng tiêu đề.",
                               "One row per record, on the sheet of its kind, from the row under the header."),
    "sheets.notes.rule.codes": ("Cột có danh sách chọn: chọn một giá trị; gõ tay cũng được, có dấu hay không dấu, "
                                "chữ hoa hay thường.",
                                "Columns with a dropdown: pick a value, or type it, with or without diacritics."),
    "sheets.notes.rule.lists": ("Cột nhận nhiều giá trị: cách nhau bằng dấu chấm phẩy (;); các giá trị được phép ở "
                                "cột Cách ghi của bảng dưới đây (và ở trang Danh mục, đang ẩn).",
                                "Columns holding several values: separate them by semicolons (;); the values "
                                "allowed are in the How column below (and on the hidden Lists sheet)."),
    "sheets.notes.rule.dates": ("Ngày ghi dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/09/2025; số ghi bằng chữ số, "
                                "không có dấu chấm ngăn cách hàng nghìn.",
                                "Dates as dd/mm/yyyy, e.g. 05/09/2025; numbers in digits, without separators."),
    "sheets.notes.rule.codes_row": ("Không sửa, không xóa dòng 1 đang ẩn (mã của các cột) và không đổi tên các "
                                    "trang; có thể thêm cột riêng, lệnh import sẽ bỏ qua.",
                                    "Do not change the hidden row 1 (the columns' codes) or rename the sheets; "
                                    "columns of your own are ignored by import."),
    "sheets.notes.rule.import": ("Gửi tệp cho Ban Tuyên giáo và Dân vận; ở kho theo dõi chạy: dxtrack import "
                                 "tep.xlsx (thêm --dry-run để thử trước). Dòng đã có (cùng đơn vị, ngày, tiêu đề) "
                                 "được bỏ qua.",
                                 "Send the file to the secretariat, who runs: dxtrack import file.xlsx (--dry-run "
                                 "to try first). Rows already in the tracker (same unit, date, title) are skipped."),
    "sheets.notes.head.sheet": ("Trang", "Sheet"),
    "sheets.notes.head.column": ("Cột", "Column"),
    "sheets.notes.head.header": ("Tiêu đề cột", "Header"),
    "sheets.notes.head.key": ("Mã trường", "Field"),
    "sheets.notes.head.required": ("Bắt buộc?", "Required?"),
    "sheets.notes.head.what": ("Nội dung", "What it holds"),
    "sheets.notes.head.how": ("Cách ghi", "How to write it"),
    "sheets.notes.head.example": ("Ví dụ", "Example"),
    "sheets.catalog.unit": ("Mã đơn vị", "Unit ids"),
    "sheets.list.topic": ("Nội dung tuyên truyền", "Topics"),
    "sheets.list.audience": ("Đối tượng", "Audiences"),
    "sheets.list.event_kind": ("Loại hoạt động", "Event kinds"),
    "sheets.list.product_kind": ("Loại sản phẩm", "Product kinds"),
    "sheets.list.outlet": ("Kênh, loại hình", "Outlets"),
    "sheets.list.mode": ("Hình thức", "Modes"),
    "sheets.list.channel_kind": ("Loại chuyên trang, chuyên mục", "Channel kinds"),
    "sheets.list.unit_kind": ("Loại đơn vị", "Unit kinds"),
    "sheets.list.review_kind": ("Kiểm tra, sơ kết, tổng kết", "Review kinds"),
    "sheets.validation.error_title": ("Giá trị ngoài danh sách", "Not in the list"),
    "sheets.validation.error": ("Giá trị này không có trong danh sách; lệnh import sẽ báo lỗi nếu không nhận ra.",
                                "This value is not in the list; import reports it if it cannot read it."),
    # `dxtrack export xlsx`
    "sheets.written": ("Đã ghi {path}: {records} bản ghi, {units} đơn vị, {plans} kế hoạch, {tasks} nhiệm vụ.",
                       "Wrote {path}: {records} records, {units} units, {plans} plans, {tasks} plan tasks."),
    "sheets.left_out": ("{n} bản ghi có lỗi không được xuất; chạy dxtrack check để xem.",
                        "{n} records with errors were left out; run dxtrack check to see them."),
    "sheets.template_written": ("Đã ghi mẫu nhập liệu {path} (trang Hướng dẫn giải thích từng cột).",
                                "Wrote the blank template {path} (the Notes sheet explains each column)."),
    "sheets.out_is_folder": ("{path} là một thư mục; hãy ghi tên tệp sau -o, ví dụ -o du-lieu.xlsx.",
                             "{path} is a folder; give a file name after -o, e.g. -o data.xlsx."),
    "sheets.out_exists": ("Tệp {path} đã có; không ghi đè. Thêm --force để thay thế, hoặc chọn tên khác với -o.",
                          "{path} already exists; nothing was written. Add --force to replace it, or choose "
                          "another name with -o."),
    "sheets.out_no_folder": ("Không ghi được {path}: chưa có thư mục {folder}.",
                             "Cannot write {path}: the folder {folder} does not exist."),
    "sheets.out_cannot_write": ("Không ghi được {path}: {problem}.", "Cannot write {path}: {problem}."),
    "sheets.export_help": ("Xuất dữ liệu của kho theo dõi ra bảng tính Excel (xlsx).",
                           "Export the tracker's data to an Excel workbook (xlsx)."),
    # `dxtrack import`: setup problems (exit 2)
    "sheets.not_found": ("Không thấy tệp {path}.", "{path} does not exist."),
    "sheets.not_a_file": ("{path} không phải là tệp.", "{path} is not a file."),
    "sheets.too_big": ("Tệp {path} quá lớn ({size} byte, tối đa {limit} byte); hãy chia thành nhiều tệp.",
                       "{path} is too large ({size} bytes, at most {limit}); split it into several files."),
    "sheets.not_xlsx": ("Tệp {path} không phải bảng tính Excel .xlsx đọc được ({problem}); hãy mở bằng Excel hay "
                        "LibreOffice và lưu lại dạng .xlsx.",
                        "{path} is not a readable Excel .xlsx workbook ({problem}); open it in Excel or "
                        "LibreOffice and save it as .xlsx."),
    "sheets.why.not_zip": ("không phải tệp .xlsx: có thể là tệp .xls cũ, .csv, tệp có mật khẩu hay tệp khác",
                           "it is not an .xlsx file: perhaps an old .xls, a .csv, a password-protected file or "
                           "something else"),
    "sheets.why.broken": ("tệp hỏng hoặc không đúng cấu trúc .xlsx: {detail}", "it is broken or not laid out as an "
                          ".xlsx: {detail}"),
    "sheets.unpacked_too_big": ("Tệp {path} khi giải nén quá lớn (trên {limit} byte); không đọc.",
                                "{path} unpacks to more than {limit} bytes; it is not read."),
    "sheets.too_many_rows": ("Trang \"{sheet}\" có hơn {limit} dòng; hãy chia thành nhiều tệp.",
                             "Sheet \"{sheet}\" has more than {limit} rows; split it into several files."),
    "sheets.too_many_columns": ("Trang \"{sheet}\" có hơn {limit} cột; hãy xóa các cột không dùng.",
                                "Sheet \"{sheet}\" has more than {limit} columns; delete the ones not used."),
    "sheets.no_record_sheets": ("Tệp {path} không có trang bản ghi nào ({names}); hãy dùng mẫu của dxtrack export "
                                "xlsx --template.",
                                "{path} has no record sheet ({names}); use the template of dxtrack export xlsx "
                                "--template."),
    # `dxtrack import`: where a problem is, and what it is
    "sheets.at.cell": ("Trang \"{sheet}\", dòng {row}, cột {column} ({header})", "Sheet \"{sheet}\", row {row}, "
                       "column {column} ({header})"),
    "sheets.at.row": ("Trang \"{sheet}\", dòng {row}", "Sheet \"{sheet}\", row {row}"),
    "sheets.at.sheet": ("Trang \"{sheet}\"", "Sheet \"{sheet}\""),
    "sheets.at.column": ("Trang \"{sheet}\", cột {column} ({header})", "Sheet \"{sheet}\", column {column} ({header})"),
    "sheets.problem.required": ("ô này bắt buộc phải có. Cách ghi: {how}", "this cell is required. Write: {how}"),
    "sheets.problem.bad_date": ("\"{value}\" không phải là ngày. {how}", "\"{value}\" is not a date. {how}"),
    "sheets.problem.bad_code": ("\"{value}\" không có trong danh sách {list}.{hint} Chọn một trong: {choices}.",
                                "\"{value}\" is not in the list of {list}.{hint} Pick one of: {choices}."),
    "sheets.problem.did_you_mean": (" Có phải ý bạn là \"{label}\"?", " Did you mean \"{label}\"?"),
    "sheets.problem.bad_metric": ("\"{value}\" không đúng dạng tên: số. {how}",
                                  "\"{value}\" is not name: number. {how}"),
    "sheets.problem.missing_column": ("thiếu cột bắt buộc \"{header}\" (mã {key}); các dòng của trang này không "
                                      "được nhập. Hãy dùng mẫu của dxtrack export xlsx --template.",
                                      "the required column \"{header}\" ({key}) is missing; no row of this sheet "
                                      "is imported. Use the template of dxtrack export xlsx --template."),
    "sheets.problem.unknown_column": ("không rõ cột này nên bỏ qua.", "this column is not known; it is ignored."),
    "sheets.problem.repeated_column": ("cột này lặp lại cột {first}; bỏ qua.", "this column repeats column {first}; "
                                       "it is ignored."),
    "sheets.problem.unknown_sheet": ("không phải trang bản ghi nên không được đọc.",
                                     "not a record sheet; it is not read."),
    "sheets.problem.write_failed": ("không ghi được {rel}: {problem}", "{rel} could not be written: {problem}"),
    "sheets.problem.finding": ("{message} Cách ghi: {how}", "{message} Write: {how}"),
    "sheets.import.view_only": ("Các trang {names} chỉ để xem, không được nhập; kế hoạch và đơn vị sửa trong tệp "
                                "YAML.", "Sheets {names} are for reading only and are not imported; plans and "
                                "units are changed in their YAML files."),
    "sheets.import.warning": ("Lưu ý: {message}", "Note: {message}"),
    "sheets.import.error": ("Lỗi: {message}", "Error: {message}"),
    "sheets.import.would_write": ("Sẽ ghi {rel}", "Would write {rel}"),
    "sheets.import.nothing_written": ("Không ghi tệp nào vì có {bad} dòng có lỗi. Sửa các ô trên rồi nhập lại, hoặc "
                                      "thêm --partial để ghi các dòng đúng.",
                                      "Nothing was written, since {bad} rows have errors. Correct the cells above "
                                      "and import again, or add --partial to write the good rows."),
    "sheets.import.summary": ("Đã ghi {written} tệp, bỏ qua {skipped} dòng đã có, {bad} dòng có lỗi",
                              "Wrote {written} files, skipped {skipped} rows already there, {bad} rows with errors"),
    "sheets.import.summary_dry": ("Chạy thử, chưa ghi gì: sẽ ghi {written} tệp, bỏ qua {skipped} dòng đã có, "
                                  "{bad} dòng có lỗi",
                                  "Dry run, nothing written: would write {written} files, skip {skipped} rows "
                                  "already there, {bad} rows with errors"),
}


def problem_text(problem: Any) -> str:
    """What `problem` (a `sheets.rows.Problem`) says, with where it is: "Trang "Hoạt động",
    dòng 5, cột E (Ngày tổ chức): ..."; in the current language."""
    from dxtrack.i18n import finding_text, t

    where = {"sheet": problem.sheet, "row": problem.row, "column": problem.column, "header": problem.header or ""}
    at = ("sheets.at.cell" if problem.row and problem.column else "sheets.at.row" if problem.row
          else "sheets.at.column" if problem.column else "sheets.at.sheet")
    params = dict(problem.params)
    message = finding_text(problem.finding) if problem.finding is not None else t(problem.key, **params)
    if (problem.finding is not None or problem.key.startswith("DX")) and "how_key" in params:
        message = t("sheets.problem.finding", message=message, **params)  # check's words, then how to write it
    return f"{t(at, **where)}: {message}"
