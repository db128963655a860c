"""Texts of the report's layout and delivery: profiles, the style file, the formats `-o`
can write (PDF through LibreOffice), and the line naming what the report leaves blank."""

MESSAGES = {
    # formats and profiles
    "setup.report_bad_suffix": ("Không ghi được báo cáo dạng {suffix}; chọn {choices}.",
                                "Cannot write a report as {suffix}; choose {choices}."),
    "setup.report_suffix_mismatch": ("Tệp {path} có đuôi {suffix}, không hợp với --format {fmt}: đặt tên tệp "
                                     "đuôi .{fmt}, hoặc bỏ --format.",
                                     "{path} ends in {suffix}, which does not match --format {fmt}: name the "
                                     "file .{fmt}, or leave out --format."),
    "setup.report_needs_output": ("Báo cáo .{fmt} cần tên tệp: thêm -o TÊN_TỆP.{fmt}.",
                                  "A .{fmt} report needs a file name: add -o FILE.{fmt}."),
    "setup.report_bad_profile": ("Thể thức \"{value}\" không có; chọn một trong: {choices}.",
                                 "There is no layout profile \"{value}\"; choose one of: {choices}."),
    "setup.report_no_office": ("Không ghi được .pdf: máy chưa cài LibreOffice (lệnh soffice hoặc libreoffice). "
                               "Cài LibreOffice (ví dụ sudo apt install libreoffice-writer), hoặc ghi .docx: "
                               "-o {docx}.",
                               "Cannot write a .pdf: LibreOffice is not installed (the command soffice or "
                               "libreoffice). Install LibreOffice (e.g. sudo apt install libreoffice-writer), or "
                               "write a .docx: -o {docx}."),
    "setup.report_pdf_failed": ("LibreOffice không chuyển được báo cáo sang PDF: {problem}. Thử ghi .docx "
                                "(-o TÊN_TỆP.docx).",
                                "LibreOffice could not convert the report to PDF: {problem}. Try a .docx "
                                "(-o FILE.docx)."),
    "setup.report_pdf_timeout": ("LibreOffice chưa chuyển xong báo cáo sang PDF sau {seconds} giây nên đã dừng. "
                                 "Thử lại, hoặc ghi .docx (-o TÊN_TỆP.docx).",
                                 "LibreOffice had not converted the report to PDF after {seconds} seconds and was "
                                 "stopped. Try again, or write a .docx (-o FILE.docx)."),
    "report_layout.pdf_no_output": ("không có tệp PDF nào được tạo ra", "it made no PDF file"),
    "report_layout.or": (" hoặc ", " or "),
    "report_layout.written": ("Đã ghi báo cáo: {path} (thể thức {profile})",
                              "Report written: {path} (layout {profile})"),
    # what the report leaves blank, to be filled by hand or in the settings
    "report_layout.blanks": ("Còn để trống: {names} — ghi vào mục report: trong dxtrack.yaml ({keys}) "
                             "hoặc dùng {options}.",
                             "Still blank: {names} — set them under report: in dxtrack.yaml ({keys}) "
                             "or use {options}."),
    "report_layout.blank.number": ("số ký hiệu", "the document number"),
    "report_layout.blank.signer": ("người ký", "the signer"),
    "report_layout.blank.signer_title": ("chức vụ người ký", "the signer's title"),
    # the style file (templates/docx_style.yaml)
    "report_layout.style_too_big": ("tệp lớn hơn {limit} KiB.", "the file is larger than {limit} KiB."),
    "report_layout.style_too_deep": ("các nhóm lồng vào nhau quá sâu.", "it nests groups far too deep."),
    "report_layout.style_alias": ("không dùng neo và bí danh YAML (& và *)", "YAML anchors and aliases (& and *) "
                                  "are refused"),
    "report_layout.style_no_room": ("lề trang rộng quá, không còn chỗ cho chữ trên khổ {width} × {height} mm.",
                                    "the margins leave no room for text on a {width} × {height} mm page."),
    "report_layout.expected_range": ("một số từ 0 đến {most}", "a number from 0 to {most}"),
    "report_layout.expected_date": ("một ngày dạng YYYY-MM-DD", "a date as YYYY-MM-DD"),
    "report_layout.expected_choice": ("một trong: {choices}", "one of: {choices}"),
    "report_layout.expected_line": ("một dòng chữ ngắn (tối đa {most} ký tự, không có ký tự điều khiển)",
                                    "one short line of text (at most {most} characters, no control characters)"),
    "report_layout.style_tag": ("không dùng thẻ kiểu YAML ({tag}); chỉ ghi số, chữ, true/false và ngày",
                                "YAML tags ({tag}) are refused; write only numbers, text, true/false and dates"),
    "report_layout.style_twice": ("khóa \"{key}\" được ghi hai lần; chỉ giữ một lần",
                                  "the key \"{key}\" is written twice; keep it once"),
    "report_layout.style_long_number": ("một số có quá {most} chữ số", "a number has more than {most} digits"),
    "report_layout.style_bad_date": ("ngày \"{value}\" không có thật ({problem})",
                                     "the date \"{value}\" does not exist ({problem})"),
}
