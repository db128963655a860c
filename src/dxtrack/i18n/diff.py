"""Texts of `dxtrack diff`: what changed in the status between two git revisions."""

MESSAGES = {
    "diff.title": ("Thay đổi từ {from_rev} đến {to_rev}", "Changes from {from_rev} to {to_rev}"),
    "diff.worktree": ("bản đang làm việc", "the working tree"),
    "diff.window": ("{phase}, đến ngày {as_of}", "{phase}, as of {as_of}"),
    "diff.as_of": ("đến ngày {as_of}", "as of {as_of}"),
    "diff.no_changes": ("Không có thay đổi nào.", "Nothing has changed."),
    "diff.unchanged": ("{count:,} đơn vị không thay đổi.", "{count:,} unit(s) unchanged."),
    "diff.unit_new": ("mới được theo dõi, điểm {score}", "newly tracked, score {score}"),
    "diff.unit_gone": ("không còn được theo dõi (điểm trước đó {score})", "no longer tracked (score was {score})"),
    "diff.transferred": ("đã chuyển", "transferred"),
    "diff.records": ("Hồ sơ: {changes}", "Records: {changes}"),
    "diff.no_tracker_before": ("Tại {rev} chưa có kho theo dõi: mọi đơn vị đều là mới.",
                               "There was no tracker at {rev}: every unit is new."),
    "diff.phase_missing": ("Tại {rev} chưa có giai đoạn “{phase}”: bên trước được tính theo “{other}”, "
                           "đến ngày {as_of}.",
                           "There was no phase “{phase}” at {rev}: the before side is taken in “{other}”, "
                           "as of {as_of}."),
    "diff.before_as_of": ("Tại {rev}, giai đoạn này không gồm ngày {day}: bên trước được tính đến ngày {as_of}.",
                          "At {rev} this phase does not hold {day}: the before side is as of {as_of}."),
    "diff.col.moves": ("Yêu cầu thay đổi", "Requirements that moved"),
    "diff.col.records": ("Hồ sơ", "Records"),
    # setup errors (exit 2)
    "diff.bad_range": ("\"{value}\" thiếu một phiên bản: viết REV1..REV2 (cả hai bên), hoặc chỉ REV1 để so với "
                       "bản đang làm việc.",
                       "\"{value}\" lacks a revision: write REV1..REV2 (both sides), or REV1 alone to compare "
                       "with the working tree."),
    "diff.no_merge_base": ("{first} và {second} không có lịch sử chung, nên không tìm được điểm chung để so sánh.",
                           "{first} and {second} share no history, so there is no common point to compare from."),
    "diff.not_git_repo": ("dxtrack diff chỉ dùng được trong một kho git, mà {path} không nằm trong kho git nào.",
                          "dxtrack diff works only inside a git repository, and {path} is not in one."),
    "diff.bad_ref": ("dxtrack diff: không có phiên bản \"{ref}\" trong kho git này. Hãy kiểm tra tên nhánh, "
                     "thẻ hay mã commit (xem `git log --oneline`).",
                     "dxtrack diff: there is no revision \"{ref}\" in this git repository. Check the branch, "
                     "tag or commit name (see `git log --oneline`)."),
    "diff.git_missing": ("dxtrack diff cần chương trình git, nhưng máy này chưa cài git.",
                         "dxtrack diff needs the git program, which is not installed on this computer."),
    "diff.git_failed": ("git không chạy được ({command}), nên không so sánh được hai phiên bản.",
                        "git failed ({command}), so the two revisions cannot be compared."),
    "diff.no_tracker": ("Tại phiên bản {rev} chưa có kho theo dõi (dxtrack.yaml) ở thư mục này.",
                        "At revision {rev} there is no tracker (dxtrack.yaml) in this folder."),
    "diff.broken_at": ("Tại phiên bản {rev}, dxtrack.yaml hoặc units.yaml có lỗi nên không đánh giá được tình hình.",
                       "At revision {rev}, dxtrack.yaml or units.yaml has errors, so its status cannot be "
                       "evaluated."),
}
