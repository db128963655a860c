"""Generate a synthetic tracker repo of N records over U units, in the format of SPEC §2.

    python bench/generate.py OUT --records 10000 --units 50 [--seed 380]

`dxtrack.yaml`, `units.yaml`, one plan per unit (`plans/<unit>.yaml`, six tasks and three
reviews) and N record files under `activities/<unit>/<date>-<slug>.yaml`, spread evenly over
the units. The records are the mix a real tracker holds: events of several kinds (about 55%),
products (25%), channels (10%) and reports (10%), each about 25 lines: Vietnamese titles and
notes, topics and audiences as block lists, a plan task, evidence links. Every record is valid:
`dxtrack check` finds no error in a generated repo (tests/test_bench.py keeps it so). The same
arguments and seed give the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

START = date(2025, 8, 20)  # `received` of the settings below
END = date(2025, 12, 31)  # `phase_end`
DAYS = (END - START).days

TOPICS = ["significance", "plan02", "public_services", "models", "counter_misinformation"]
AUDIENCES = ["party_committees", "leaders", "party_members", "civil_servants", "public_employees", "workers",
             "citizens", "businesses"]
EVENT_KINDS = {
    "dissemination": "Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW và Công văn số 380-CV/ĐU",
    "party_cell_session": "Sinh hoạt chuyên đề chi bộ về chuyển đổi số liên thông, đồng bộ",
    "mass_org_session": "Sinh hoạt đoàn thể về kỹ năng số cho đoàn viên, hội viên",
    "training": "Tập huấn kỹ năng số cho cán bộ, công chức, viên chức",
    "seminar": "Tọa đàm về dịch vụ công trực tuyến toàn trình",
    "talkshow": "Talkshow chuyển đổi số vì người dân và doanh nghiệp",
    "online_exchange": "Giao lưu trực tuyến về ứng dụng công nghệ số trong công tác",
    "emulation": "Phát động phong trào thi đua chuyển đổi số",
    "inspection": "Kiểm tra việc thực hiện kế hoạch truyền thông chuyển đổi số",
    "preliminary_review": "Sơ kết công tác truyền thông chuyển đổi số",
}
PRODUCT_KINDS = {
    "infographic": "Infographic hướng dẫn nộp hồ sơ trực tuyến",
    "video_clip": "Video clip giới thiệu mô hình chuyển đổi số hiệu quả",
    "reportage": "Phóng sự dịch vụ công toàn trình, người dân không phải đi lại",
    "article": "Bài viết chuyển đổi số, động lực tăng trưởng mới",
    "newsletter": "Bản tin nội bộ chuyển đổi số",
    "podcast": "Podcast chuyện số ở cơ sở",
}
OUTLETS = ["print", "online_press", "radio", "television", "digital_platform", "website", "social", "internal"]
CHANNEL_KINDS = {"section": "Chuyên mục Chuyển đổi số trên Cổng thông tin điện tử",
                 "dedicated_page": "Chuyên trang Chuyển đổi số liên thông, đồng bộ",
                 "article_series": "Loạt bài Chuyển đổi số từ cơ sở",
                 "periodic_newsletter": "Bản tin chuyển đổi số định kỳ"}
MODES = ["in_person", "online", "hybrid"]
UNIT_KINDS = ["ministry", "ministry", "agency", "press", "enterprise", "bank"]
PLACES = ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế"]
NOTES = ["Đã gửi báo cáo nhanh về Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ.",
         "Tổ chức lồng ghép với hội nghị sơ kết công tác quý.",
         "Có sự tham gia của đại diện các chi bộ trực thuộc và cơ quan báo chí.",
         "Nội dung được đăng tải lại trên trang thông tin điện tử của các đơn vị."]


def unit_id(u: int) -> str:
    return f"don-vi-{u:03d}"


def settings() -> str:
    return ("directive: 380-CV/ĐU\norganization: Đảng ủy Chính phủ\n"
            "report_to: Ban Tuyên giáo và Dân vận Đảng ủy Chính phủ\n"
            f"received: {START}\nphase_end: {END}\nreport_due: [2025-12-15]\n"
            "thresholds:\n  start_within_days: 15\n  max_gap_days: 30\n  min_product_kinds: 3\n"
            "sample: false\n")


def units(count: int) -> str:
    lines = ["units:"]
    for u in range(count):
        lines += [f"  - id: {unit_id(u)}", f"    name: Đảng ủy Đơn vị số {u} thuộc Chính phủ",
                  f"    kind: {UNIT_KINDS[u % len(UNIT_KINDS)]}",
                  f'    owners: ["@dang-uy-chinh-phu/{unit_id(u)}"]']
    return "\n".join(lines) + "\n"


def plan(u: int) -> str:
    uid = unit_id(u)
    tasks = [("t1", "Hội nghị quán triệt Kế hoạch số 02-KH/BCĐTW", "2025-09-15", "significance, plan02"),
             ("t2", "Mở chuyên mục Chuyển đổi số trên Cổng thông tin điện tử", "2025-09-30", "plan02, public_services"),
             ("t3", "Sản xuất infographic, video clip hướng dẫn dịch vụ công trực tuyến", "2025-10-15",
              "public_services"),
             ("t4", "Sinh hoạt chuyên đề chi bộ về chuyển đổi số", "2025-10-31", "significance, plan02"),
             ("t5", "Giới thiệu, biểu dương mô hình hiệu quả, cách làm sáng tạo", "2025-11-30", "models"),
             ("t6", "Đấu tranh, phản bác thông tin sai trái về chuyển đổi số", "2025-12-10",
              "counter_misinformation")]
    lines = [f"unit: {uid}", f"number: {10 + u}-KH/ĐU", "issued: 2025-08-28",
             f"title: Kế hoạch truyền thông thúc đẩy chuyển đổi số của Đảng ủy Đơn vị số {u}",
             "audiences: [party_committees, leaders, party_members, civil_servants, citizens, businesses]",
             "resources:", "  staff: Ban Tuyên giáo và Dân vận Đảng ủy, 3 cán bộ chuyên trách",
             "  means: Cổng thông tin điện tử, trang Zalo OA, màn hình LED tại trụ sở",
             f"  budget_vnd: {(50 + u % 7 * 25) * 1000000}", "platforms: [website, facebook, zalo, youtube]",
             "tasks:"]
    for task_id, title, due, topics in tasks:
        lines += [f"  - id: {task_id}", f"    title: {title}", "    owner: Ban Tuyên giáo và Dân vận Đảng ủy",
                  f"    due: {due}", f"    topics: [{topics}]"]
    lines += ["reviews:", "  - kind: preliminary_review", "    due: 2025-10-31", "  - kind: inspection",
              "    due: 2025-11-15", "  - kind: final_review", "    due: 2025-12-31"]
    return "\n".join(lines) + "\n"


def _block(name: str, values: list[str]) -> list[str]:
    return [f"{name}:", *(f"  - {v}" for v in values)]


def _common(rng: random.Random, uid: str, slug: str) -> list[str]:
    """topics, audiences, plan task, evidence, note: the optional fields every record may have."""
    lines = _block("topics", rng.sample(TOPICS, rng.randint(2, 3)))
    lines += _block("audiences", rng.sample(AUDIENCES, rng.randint(3, 4)))
    lines.append(f"plan_task: t{rng.randint(1, 6)}")
    lines += ["evidence:", f"  - url: https://example.org/minh-hoa/{uid}/{slug}",
              "    note: Bài đưa tin trên Cổng thông tin điện tử",
              f"  - url: https://example.org/minh-hoa/{uid}/{slug}/hinh-anh"]
    lines.append(f"note: {rng.choice(NOTES)}")
    return lines


def record(rng: random.Random, uid: str, index: int) -> tuple[date, str, str]:
    """(date, slug, text) of one record of unit `uid`."""
    day = START + timedelta(days=rng.randrange(DAYS - 10))
    roll = rng.random()
    slug = f"hoat-dong-{index:05d}"
    if roll < 0.55:
        kind = rng.choice(list(EVENT_KINDS))
        lines = ["type: event", f"unit: {uid}", f"kind: {kind}",
                 f"title: {EVENT_KINDS[kind]} tại {rng.choice(PLACES)}, lần {index}", f"date: {day}",
                 f"mode: {rng.choice(MODES)}", f"participants: {rng.randint(20, 400)}",
                 *_block("leaders", ["Lãnh đạo Đảng ủy Chính phủ"]),
                 *_block("partners", ["Bộ Văn hóa, Thể thao và Du lịch", "Báo Điện tử Chính phủ"])]
    elif roll < 0.80:
        kind = rng.choice(list(PRODUCT_KINDS))
        lines = ["type: product", f"unit: {uid}", f"kind: {kind}", f"title: {PRODUCT_KINDS[kind]}, số {index}",
                 f"published: {day}", *_block("channels", rng.sample(OUTLETS, 2)),
                 f"url: https://example.org/minh-hoa/{uid}/{slug}/san-pham",
                 "metrics:", f"  views: {rng.randint(500, 200000)}", f"  shares: {rng.randint(0, 5000)}"]
    elif roll < 0.90:
        kind = rng.choice(list(CHANNEL_KINDS))
        cadence = rng.choice([7, 14])
        day = min(day, END - timedelta(days=3 * cadence))  # room for its three updates
        updates = [day + timedelta(days=cadence * k) for k in range(1, 4)]
        lines = ["type: channel", f"unit: {uid}", f"kind: {kind}", f"title: {CHANNEL_KINDS[kind]}, kỳ {index}",
                 f"outlet: {rng.choice(OUTLETS)}", f"started: {day}", f"cadence_days: {cadence}",
                 *_block("updates", [str(d) for d in updates])]
    else:
        lines = ["type: report", f"unit: {uid}", f"number: {index}-BC/ĐU",
                 f"title: Báo cáo kết quả thực hiện Công văn số 380-CV/ĐU, kỳ {index}", f"date: {day}",
                 "period:", f"  from: {START}", f"  to: {day}"]
    lines += _common(rng, uid, slug)
    return day, slug, "\n".join(lines) + "\n"


def generate(out: Path, records: int, units_count: int, seed: int = 380) -> list[Path]:
    """Write the repo into `out` (created; must be empty or absent); the record files written."""
    rng = random.Random(seed)  # noqa: S311 - the same repo for the same seed, not a secret
    out.mkdir(parents=True, exist_ok=True)
    (out / "dxtrack.yaml").write_text(settings(), encoding="utf-8")
    (out / "units.yaml").write_text(units(units_count), encoding="utf-8")
    (out / "plans").mkdir(exist_ok=True)
    written: list[Path] = []
    for u in range(units_count):
        uid = unit_id(u)
        (out / "plans" / f"{uid}.yaml").write_text(plan(u), encoding="utf-8")
        folder = out / "activities" / uid
        folder.mkdir(parents=True, exist_ok=True)
        share = records // units_count + (1 if u < records % units_count else 0)
        for i in range(share):
            day, slug, text = record(rng, uid, i)
            path = folder / f"{day}-{slug}.yaml"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the repo into")
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--seed", type=int, default=380)
    args = parser.parse_args()
    written = generate(args.out, args.records, args.units, args.seed)
    print(f"{len(written)} records over {args.units} units in {args.out}")


if __name__ == "__main__":
    main()
