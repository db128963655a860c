MESSAGES = {
    "check.banner": ("DỮ LIỆU MINH HỌA — kho này chứa dữ liệu minh họa.",
                     "DỮ LIỆU MINH HỌA — this repo holds illustrative sample data."),
    "severity.error": ("lỗi", "error"),
    "severity.warning": ("cảnh báo", "warning"),
    "check.summary": ("{errors:,} lỗi, {warnings:,} cảnh báo trong {files:,} tệp.",
                      "{errors:,} error(s), {warnings:,} warning(s) in {files:,} file(s)."),
    "check.summary_ok": ("Không có lỗi trong {files:,} tệp.", "No problems in {files:,} file(s)."),
    "setup.no_git": ("--changed-since cần git và một kho git: {problem}",
                     "--changed-since needs git and a git repository: {problem}"),
    # --format github: GitHub shows 10 annotations of each type per step
    "check.github_more": ("Còn {count:,} lỗi, cảnh báo khác không hiện ở đây: xem bản tóm tắt của job "
                          "(job summary) hoặc chạy dxtrack check.",
                          "{count:,} more finding(s) not shown here: see the job summary or run dxtrack check."),
    # --format sarif: each rule's descriptions and help, the base of its paths
    "sarif.rule_full": ("{code}: {meaning}. Mức {severity}: {effect}",
                        "{code}: {meaning}. Severity {severity}: {effect}"),
    "sarif.effect_error": ("dxtrack check thoát với mã 1.", "dxtrack check exits with 1."),
    "sarif.effect_warning": ("được báo nhưng không làm dxtrack check thất bại.",
                             "reported, but dxtrack check still passes."),
    "sarif.rule_help": ("Sửa đúng chỗ mà thông báo chỉ ra (tệp, dòng, cột) rồi chạy lại dxtrack check. "
                        "Giải thích mã {code} và ví dụ: tài liệu docs/findings.md của dxtrack.",
                        "Fix what the message says at the place it names (file, line, column), then run "
                        "dxtrack check again. What {code} means, with an example: dxtrack's docs/findings.md."),
    "sarif.rule_help_md": ("Sửa đúng chỗ mà thông báo chỉ ra (tệp, dòng, cột) rồi chạy lại `dxtrack check`. "
                           "Giải thích mã **{code}** và ví dụ: tài liệu `docs/findings.md` của dxtrack.",
                           "Fix what the message says at the place it names (file, line, column), then run "
                           "`dxtrack check` again. What **{code}** means, with an example: dxtrack's "
                           "`docs/findings.md`."),
    "sarif.srcroot": ("Thư mục gốc của kho git chứa kho theo dõi (hoặc thư mục kho theo dõi, nếu không dùng git).",
                      "The top of the git work tree that holds the tracker (or the tracker's folder, outside git)."),
}
