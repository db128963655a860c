"""Texts of the progress bar shown while a large repo is read (dxtrack.cli.progress)."""

MESSAGES = {
    "progress.reading": ("Đang đọc các tệp", "Reading files"),
}
