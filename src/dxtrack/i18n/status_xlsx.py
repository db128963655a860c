"""Texts of `dxtrack status --format xlsx` (the workbook: sheet names, column headers, the
"Thông tin" sheet). Status words are `status.word.*` (i18n/status.py), unit kinds the code
labels of `models.codes`."""

MESSAGES = {
    # sheet names (at most 31 characters, none of []:*?/\)
    "xlsx.sheet.status": ("Tình hình thực hiện", "Status"),
    "xlsx.sheet.reasons": ("Lý do", "Reasons"),
    "xlsx.sheet.about": ("Thông tin", "About"),
    # the matrix
    "xlsx.col.name": ("Đơn vị", "Unit"),
    "xlsx.col.id": ("Mã đơn vị", "Unit id"),
    "xlsx.col.kind": ("Loại", "Kind"),
    "xlsx.col.state": ("Trạng thái", "State"),
    "xlsx.col.score": ("Điểm", "Score"),
    "xlsx.col.last": ("Hoạt động gần nhất", "Last activity"),
    "xlsx.col.count.event": ("Số hoạt động", "Events"),
    "xlsx.col.count.product": ("Số sản phẩm", "Products"),
    "xlsx.col.count.channel": ("Số chuyên trang, chuyên mục", "Channels"),
    "xlsx.col.count.report": ("Số báo cáo", "Reports"),
    "xlsx.col.left_out": ("Tệp lỗi không tính", "Files left out"),
    "xlsx.col.moved_to": ("Chuyển sang", "Moved to"),
    "xlsx.col.until": ("Ngày chuyển", "Moved on"),
    "xlsx.state.active": ("đang theo dõi", "active"),
    "xlsx.state.transferred": ("đã chuyển", "transferred"),
    "xlsx.score_note": ("Điểm = 100 × (số yêu cầu đạt + 0,5 × số yêu cầu đạt một phần) / số yêu cầu đã đến hạn "
                        "và áp dụng cho đơn vị, làm tròn.",
                        "Score = 100 × (met + 0.5 × partial) / requirements due and binding the unit, rounded."),
    # the reasons sheet
    "xlsx.col.requirement": ("Yêu cầu", "Requirement"),
    "xlsx.col.title": ("Nội dung yêu cầu", "What it asks"),
    "xlsx.col.status": ("Tình trạng", "Status"),
    "xlsx.col.reasons": ("Còn thiếu", "What is missing"),
    # the about sheet
    "xlsx.about.directive": ("Văn bản", "Directive"),
    "xlsx.about.phase": ("Giai đoạn", "Phase"),
    "xlsx.about.window": ("Thời gian", "Dates"),
    "xlsx.about.as_of": ("Tính đến ngày", "As of"),
    "xlsx.about.as_of_requested": ("Ngày đã chọn (--as-of)", "Date asked for (--as-of)"),
    "xlsx.about.note": ("Ghi chú", "Note"),
    "xlsx.about.sample": ("Dữ liệu", "Data"),
    "xlsx.about.units": ("Số đơn vị đang theo dõi", "Units tracked"),
    "xlsx.about.transferred": ("Số đơn vị đã chuyển", "Units transferred"),
    "xlsx.about.average": ("Điểm trung bình", "Average score"),
    "xlsx.about.left_out": ("Tệp dữ liệu có lỗi hoặc đặt sai chỗ không được tính",
                            "Data files with errors or misplaced left out"),
    "xlsx.about.made_by": ("Lập bằng", "Made with"),
    "xlsx.about.legend": ("Chú giải tình trạng", "Status legend"),
    "xlsx.about.symbol": ("Ký hiệu", "Symbol"),
    "xlsx.about.meaning": ("Ý nghĩa", "Meaning"),
    "xlsx.meaning.met": ("đạt mọi tiêu chí của yêu cầu", "every criterion holds"),
    "xlsx.meaning.partial": ("đạt một số tiêu chí", "some criteria hold"),
    "xlsx.meaning.missing": ("chưa đạt tiêu chí nào", "no criterion holds"),
    "xlsx.meaning.not_due": ("chưa đến hạn tại ngày tính", "not yet due on the day evaluated"),
    "xlsx.meaning.n/a": ("yêu cầu không áp dụng cho đơn vị", "does not bind the unit"),
    "xlsx.about.requirements": ("Các yêu cầu", "The requirements"),
    "xlsx.about.binds": ("Áp dụng cho", "Binds"),
    "xlsx.page": ("Trang &P/&N", "Page &P of &N"),
}

MESSAGES.update({
    # `status --format xlsx` with no -o: a workbook is a file, not text for a terminal
    "status.needs_output": ("Định dạng {fmt} là một tệp bảng tính, không in ra màn hình được: cần -o TÊN_TỆP.{fmt}.",
                            "The {fmt} format is a spreadsheet file and cannot be printed: it needs -o FILE.{fmt}."),
})
