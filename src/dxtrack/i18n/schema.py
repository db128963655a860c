MESSAGES = {
    "schema.written": ("Đã ghi {path}", "Wrote {path}"),
}
