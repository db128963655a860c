"""A CODEOWNERS file from units.yaml and dxtrack.yaml (`dxtrack codeowners`).

Each unit owns its plan and its activity folder; the secretariat (settings `owners`)
owns the settings, the unit list, the templates and, as the fallback, everything else.
In CODEOWNERS the last matching line wins, so the fallback comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dxtrack.check.discover import ACTIVITIES_DIR, PLANS_DIR, SETTINGS_FILE, UNITS_FILE
from dxtrack.i18n import t
from dxtrack.models import Settings, Unit

SECRETARIAT_PATHS = (f"/{SETTINGS_FILE}", f"/{UNITS_FILE}", "/templates/")


@dataclass
class Codeowners:
    text: str
    unowned: list[str] = field(default_factory=list)   # unit ids without owners
    no_secretariat: bool = False


def handle(owner: str) -> str:
    """`@user`, `@org/team` or an e-mail; a bare `org/team` gets its `@`."""
    owner = owner.strip()
    return owner if owner.startswith("@") or "@" in owner else "@" + owner


def build(settings: Settings, units: list[Unit]) -> Codeowners:
    """The CODEOWNERS text for `units`, with the secretariat from `settings`."""
    secretariat = " ".join(handle(o) for o in settings.owners)
    lines = [t("codeowners.header1"), t("codeowners.header2"), ""]
    if secretariat:
        lines += [f"* {secretariat}"] + [f"{path} {secretariat}" for path in SECRETARIAT_PATHS] + [""]
    result = Codeowners("", no_secretariat=not secretariat)
    for unit in units:
        lines.append(f"# {unit.name}")
        if not unit.owners:
            lines += [t("codeowners.unit_unowned", unit=unit.id), ""]
            result.unowned.append(unit.id)
            continue
        owners = " ".join(handle(o) for o in unit.owners)
        lines += [f"/{PLANS_DIR}/{unit.id}.yaml {owners}", f"/{PLANS_DIR}/*/{unit.id}.yaml {owners}",
                  f"/{ACTIVITIES_DIR}/{unit.id}/ {owners}", ""]
    result.text = "\n".join(lines).rstrip("\n") + "\n"
    return result
