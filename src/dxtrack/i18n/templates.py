"""Texts of the templates a repo may bring (templates/*.j2, templates/docx_style.yaml):
files dxtrack will not read, and templates it stops (dxtrack.render.templates)."""

MESSAGES = {
    # a file of templates/ that is not read (the {problem} of the template's or style file's message)
    "template.symlink": ("tệp này là một liên kết tượng trưng (symlink); dxtrack chỉ đọc tệp thật nằm trong thư mục "
                         "templates/ của kho. Hãy thay liên kết bằng chính tệp đó.",
                         "the file is a symbolic link; dxtrack reads only real files inside the repo's templates/ "
                         "folder. Replace the link with the file itself."),
    "template.symlink_folder": ("tệp nằm trong {folder}, mà {folder} là một liên kết tượng trưng (symlink); dxtrack "
                                "chỉ đọc tệp thật nằm trong thư mục templates/ của kho. Hãy thay liên kết bằng chính "
                                "thư mục đó.",
                                "the file is inside {folder}, which is a symbolic link; dxtrack reads only real files "
                                "inside the repo's templates/ folder. Replace the link with the folder itself."),
    "template.outside": ("tên đó trỏ ra ngoài thư mục templates/ của kho (có \"..\" hay \"\\\", là đường dẫn "
                         "tuyệt đối, hoặc có ký tự không dùng trong tên tệp); mẫu chỉ được dùng các tệp trong thư "
                         "mục đó, ví dụ \"phan-dau.j2\".",
                         "that name points outside the repo's templates/ folder (it has \"..\" or \"\\\", is an "
                         "absolute path, or has characters a file name does not); a template may use only files in "
                         "that folder, e.g. \"header.j2\"."),
    "template.not_file": ("đây không phải một tệp thông thường (mà là thư mục, thiết bị hay đường ống); hãy để ở đó "
                          "một tệp văn bản.",
                          "it is not a regular file (but a folder, a device or a pipe); put a text file there."),
    "template.too_big": ("tệp lớn hơn {limit} KiB.", "the file is larger than {limit} KiB."),
    "template.not_utf8": ("tệp không phải văn bản UTF-8; hãy lưu lại tệp với bảng mã UTF-8.",
                          "the file is not UTF-8 text; save it again as UTF-8."),
    "template.unreadable": ("không đọc được tệp ({problem}).", "the file cannot be read ({problem})."),
    "template.in_include": ("mẫu này dùng tới \"{file}\", nhưng {problem}", "it uses \"{file}\", but {problem}"),
    # a template stopped (exit 1)
    "template.unsafe": ("Mẫu {file} tìm cách với vào bên trong Python hoặc sửa dữ liệu nó được đưa ({problem}). "
                        "Mẫu không được phép làm việc này: nó chỉ được đọc dữ liệu dxtrack đưa cho (ví dụ "
                        "report.header.title), không dùng các tên bắt đầu bằng dấu gạch dưới như __class__ hay "
                        "__globals__, không gọi append, pop hay update. Không có gì được ghi ra.",
                        "The template {file} tried to reach inside Python or to change the data it was given "
                        "({problem}). A template may not do this: it may only read the data dxtrack gives it (e.g. "
                        "report.header.title), never use names starting with an underscore such as __class__ or "
                        "__globals__, never call append, pop or update. Nothing was written."),
    "template.unsafe_attribute": ("thuộc tính {name} của {type}", "the attribute {name} of {type}"),
    "template.too_costly": ("Mẫu {file} bị dừng: {problem} Hãy sửa mẫu cho gọn lại. Không có gì được ghi ra.",
                            "The template {file} was stopped: {problem} Make the template do less. Nothing was "
                            "written."),
    "template.budget.steps": ("nó chạy quá {limit:,} bước (vòng lặp, lời gọi, phép tính).",
                              "it ran more than {limit:,} steps (loop turns, calls, operations)."),
    "template.budget.seconds": ("nó chạy quá {limit} giây.", "it ran for more than {limit} seconds."),
    "template.budget.output": ("nó viết ra quá {limit} MiB.", "it wrote more than {limit} MiB."),
    "template.budget.text": ("nó tạo ra một chuỗi chữ hay danh sách dài quá {limit:,} ký tự hay phần tử.",
                             "it made a text or a list longer than {limit:,} characters or items."),
    "template.budget.number": ("nó tạo ra một số quá lớn (quá {limit} bit).",
                               "it made a number that is too large (over {limit} bits)."),
    "template.budget.width": ("nó đòi căn lề hay độ rộng quá {limit:,} ký tự.",
                              "it asked for padding or a width over {limit:,} characters."),
    "template.budget.range": ("range() chỉ cho tối đa {limit:,} số.", "range() gives at most {limit:,} numbers."),
    "template.budget.lipsum": ("lipsum() chỉ cho tối đa {limit} đoạn.", "lipsum() gives at most {limit} paragraphs."),
    "template.budget.depth": ("nó gọi lồng nhau quá sâu (một macro, include hay import gọi lại chính nó?).",
                              "it nests calls far too deep (a macro, include or import that calls itself?)."),
    "template.budget.memory": ("nó cần quá nhiều bộ nhớ.", "it needs too much memory."),
}
