"""Texts of the command line itself."""

MESSAGES = {
    "app.help": ("dxtrack — theo dõi thực hiện Công văn 380-CV/ĐU về truyền thông chuyển đổi số.",
                 "dxtrack — track Công văn 380-CV/ĐU on digital-transformation communication."),
    "setup.prefix": ("Lỗi: ", "Error: "),
    "setup.no_repo": ("Không tìm thấy kho theo dõi (tệp dxtrack.yaml) trong {start} hay các thư mục cha. "
                      "Hãy chuyển vào thư mục kho, dùng --repo, hoặc tạo kho mới bằng `dxtrack init`.",
                      "No tracker repo (dxtrack.yaml) found in {start} or its parents. "
                      "cd into the repo, use --repo, or create one with `dxtrack init`."),
    "setup.os_error": ("Không đọc, ghi được {path}: {problem}.", "Cannot read or write {path}: {problem}."),
    "setup.write_refused": ("Không ghi {path}: {problem}.", "Not writing {path}: {problem}."),
    "os.enoent": ("thư mục hoặc tệp không tồn tại", "no such file or folder"),
    "os.eacces": ("không có quyền", "permission denied"),
    "os.enospc": ("đĩa đã đầy", "the disk is full"),
    "os.erofs": ("ổ đĩa chỉ cho đọc", "the file system is read-only"),
    "os.eisdir": ("đó là một thư mục", "it is a folder"),
    "os.enotdir": ("một phần của đường dẫn là tệp, không phải thư mục", "part of the path is a file, not a folder"),
    "os.eexist": ("đã có tệp hoặc thư mục mang tên này", "a file or folder of that name already exists"),
    "os.enametoolong": ("tên quá dài", "the name is too long"),
    "os.eloop": ("đó là một liên kết tượng trưng (symlink)", "it is a symbolic link"),
    # what dxtrack refuses to write by itself (fsutil.WriteRefused), though the system would allow it
    "os.symlink": ("đó là một liên kết tượng trưng (symlink); dxtrack không ghi qua liên kết. "
                   "Hãy xóa liên kết rồi chạy lại",
                   "it is a symbolic link; dxtrack does not write through links. Remove the link and run again"),
    "os.symlink_folder": ("một thư mục trên đường dẫn là liên kết tượng trưng (symlink) trong kho; dxtrack "
                          "không ghi qua liên kết. Hãy thay liên kết bằng thư mục thật",
                          "a folder on the way to it is a symbolic link inside the repo; dxtrack does not "
                          "write through links. Put a real folder in its place"),
    "os.outside_repo": ("đường dẫn nằm ngoài kho theo dõi", "it is outside the tracker repo"),
    "os.not_regular": ("đó không phải là tệp thường (là thư mục, thiết bị hay đường ống)",
                       "it is not a regular file (a folder, a device or a pipe)"),
    "os.read_only": ("tệp chỉ cho đọc (read-only); dxtrack không sửa tệp chỉ cho đọc. Hãy bỏ chế độ chỉ đọc "
                     "nếu muốn sửa",
                     "the file is read-only; dxtrack does not change read-only files. Make it writable "
                     "if it should change"),
    "setup.internal": ("dxtrack gặp lỗi nội bộ ({problem}). Dữ liệu của bạn không bị thay đổi; "
                       "hãy báo cho nhóm phát triển (chạy lại với DXTRACK_DEBUG=1 để xem chi tiết).",
                       "dxtrack hit an internal error ({problem}). Your data was not changed; "
                       "please report it (run again with DXTRACK_DEBUG=1 for details)."),
    "setup.bad_lang": ("Ngôn ngữ \"{value}\" không có; chọn một trong: {choices}.",
                       "Language \"{value}\" is not available; choose one of: {choices}."),
    "setup.bad_date": ("{option} \"{value}\" không phải là ngày hợp lệ (viết YYYY-MM-DD, ví dụ 2025-12-31).",
                       "{option} \"{value}\" is not a valid date (write YYYY-MM-DD, e.g. 2025-12-31)."),
    "setup.thousands": ("Giá trị của {option} \"{value}\" có dấu ngăn cách hàng nghìn: viết {suggestion}.",
                        "\"{value}\" has thousands separators: write {suggestion}."),
    "setup.bad_number": ("Giá trị của {option} phải là một số nguyên.", "\"{value}\" is not a whole number."),
    "setup.impossible_date": ("{option} \"{value}\" không phải là ngày hợp lệ: {problem}.",
                              "{option} \"{value}\" is not a valid date: {problem}."),
    "setup.bad_format": ("Định dạng \"{value}\" không có; chọn một trong: {choices}.",
                         "Format \"{value}\" does not exist; choose one of: {choices}."),
    "setup.bad_path": ("Không có tệp hay thư mục \"{value}\" trong kho theo dõi.",
                       "\"{value}\" is not a file or folder of the tracker repo."),
    "setup.unknown_unit": ("Không có đơn vị \"{value}\" trong units.yaml.{hint}",
                           "There is no unit \"{value}\" in units.yaml.{hint}"),
    "setup.git_missing": ("--changed-since cần chương trình git, nhưng máy này chưa cài git. "
                          "Hãy cài git, hoặc chạy `dxtrack check` không có --changed-since.",
                          "--changed-since needs the git program, which is not installed on this computer. "
                          "Install git, or run `dxtrack check` without --changed-since."),
    "setup.not_git_repo": ("--changed-since chỉ dùng được trong một kho git, mà {path} không nằm trong kho git nào.",
                           "--changed-since works only inside a git repository, and {path} is not in one."),
    "setup.bad_ref": ("--changed-since: không có phiên bản \"{ref}\" trong kho git này. Hãy kiểm tra tên nhánh, "
                      "thẻ hay mã commit (trong GitHub Actions, lấy đủ lịch sử: actions/checkout với fetch-depth: 0).",
                      "--changed-since: there is no revision \"{ref}\" in this git repository. Check the branch, "
                      "tag or commit name (in GitHub Actions, fetch the history: actions/checkout with "
                      "fetch-depth: 0)."),
    "setup.git_failed": ("git không chạy được ({command}), nên không biết tệp nào đã đổi cho --changed-since.",
                         "git failed ({command}), so the files changed for --changed-since are unknown."),
    "cache.mismatch": ("DXTRACK_CACHE_CHECK: `dxtrack {command}` chạy có bộ nhớ đệm (cache) cho kết quả khác khi "
                       "chạy không có nó ({parts}; mã thoát {cached} so với {plain}). Trên đây là kết quả không dùng "
                       "bộ nhớ đệm; hãy báo lỗi này cho nhóm phát triển.",
                       "DXTRACK_CACHE_CHECK: `dxtrack {command}` gave a different result with the cache than without "
                       "it ({parts}; exit code {cached} against {plain}). The output above is the one without the "
                       "cache; please report this bug."),
    "setup.broken_repo": ("Không đọc được {file}; chạy `dxtrack check` để xem lỗi.",
                          "{file} cannot be read; run `dxtrack check` to see why."),
}
