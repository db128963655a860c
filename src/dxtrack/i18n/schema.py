MESSAGES = {
    "schema.written": ("Đã ghi {path}", "Wrote {path}"),
    "schema.exists": ("Trong {dir} đã có {files}; dxtrack không ghi đè. Thêm --force để thay thế.",
                      "{dir} already holds {files}; dxtrack does not overwrite them. Add --force to replace them."),
    "schema.not_written": ("Không ghi {path}: {problem}.", "Not writing {path}: {problem}."),
}
