"""`dxtrack codeowners`: CODEOWNERS from units.yaml and the secretariat's owners."""

from __future__ import annotations

from conftest import SETTINGS

WITH_OWNERS = SETTINGS + 'owners: ["@dang-uy/ban-tuyen-giao", "@van-phong/thu-ky"]\n'

EXPECTED = """\
# Tạo bởi `dxtrack codeowners` từ units.yaml và dxtrack.yaml; đừng sửa tay.
# Mỗi đơn vị duyệt kế hoạch và hoạt động của mình; ban thư ký duyệt phần còn lại.

* @dang-uy/ban-tuyen-giao @van-phong/thu-ky
/dxtrack.yaml @dang-uy/ban-tuyen-giao @van-phong/thu-ky
/units.yaml @dang-uy/ban-tuyen-giao @van-phong/thu-ky
/templates/ @dang-uy/ban-tuyen-giao @van-phong/thu-ky

# Đảng ủy Bộ Y tế
/plans/bo-y-te.yaml @dang-uy/bo-y-te
/plans/*/bo-y-te.yaml @dang-uy/bo-y-te
/activities/bo-y-te/ @dang-uy/bo-y-te

# Đảng ủy Đài Truyền hình Việt Nam
/plans/dai-truyen-hinh-viet-nam.yaml @dang-uy/vtv
/plans/*/dai-truyen-hinh-viet-nam.yaml @dang-uy/vtv
/activities/dai-truyen-hinh-viet-nam/ @dang-uy/vtv
"""


def test_codeowners_to_stdout(make_repo, cli):
    root = make_repo(settings=WITH_OWNERS)
    result = cli(["codeowners", "--repo", root])
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED
    assert result.stderr == ""


def test_codeowners_warns_about_missing_owners(make_repo, cli):
    units = ("units:\n  - id: bo-y-te\n    name: Đảng ủy Bộ Y tế\n    kind: ministry\n"
             "  - id: bo-cong-an\n    name: Đảng ủy Bộ Công an\n    kind: ministry\n    owners: [a@example.vn]\n")
    root = make_repo(units=units)
    result = cli(["codeowners", "--repo", root])
    assert result.exit_code == 0
    assert "# bo-y-te: chưa có owners trong units.yaml\n" in result.stdout
    assert "/activities/bo-cong-an/ a@example.vn\n" in result.stdout
    assert "/plans/bo-y-te.yaml" not in result.stdout and "\n* " not in result.stdout
    assert "đơn vị chưa có owners trong units.yaml: bo-y-te." in result.stderr
    assert "dxtrack.yaml chưa có owners" in result.stderr


def test_codeowners_output_file_atomic_and_no_clobber(make_repo, cli):
    root = make_repo(settings=WITH_OWNERS)
    target = root / ".github" / "CODEOWNERS"
    first = cli(["codeowners", "-o", ".github/CODEOWNERS"], cwd=root)
    assert first.exit_code == 0, first.output
    assert first.stdout == "Đã ghi .github/CODEOWNERS\n"
    assert target.read_text(encoding="utf-8") == EXPECTED
    target.write_text("# của tôi\n", encoding="utf-8")
    again = cli(["codeowners", "-o", ".github/CODEOWNERS"], cwd=root)
    assert again.exit_code == 2
    assert "Tệp .github/CODEOWNERS đã có; thêm --force để ghi đè." in again.stderr
    assert target.read_text(encoding="utf-8") == "# của tôi\n"
    forced = cli(["codeowners", "-o", ".github/CODEOWNERS", "--force"], cwd=root)
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8") == EXPECTED


def test_codeowners_refuses_broken_units(make_repo, cli):
    root = make_repo(units="units:\n  - id: Bo Y Te\n    name: X\n    kind: ministry\n")
    result = cli(["codeowners", "--repo", root])
    assert result.exit_code == 2
    assert "Không đọc được units.yaml; chạy `dxtrack check` để xem lỗi." in result.stderr
    assert result.stdout == ""


def test_codeowners_english(make_repo, cli):
    root = make_repo(settings=WITH_OWNERS)
    result = cli(["--lang", "en", "codeowners", "--repo", root])
    assert result.stdout.startswith("# Made by `dxtrack codeowners` from units.yaml and dxtrack.yaml")
