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
}
