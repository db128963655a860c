"""Where report templates come from and how they run: `dxtrack.render.templates` (the one
factory of every template's sandboxed environment, shared with the status page), named
here for the report's modules. A repo's own `templates/` wins over the built-in ones."""

from __future__ import annotations

from dxtrack.render.templates import (
    BUILTIN,
    MAX_TEMPLATE_BYTES,
    REPO_DIR,
    RepoFileRefused,
    TemplateRefused,
    read_repo_file,
    render_template,
    template_env,
)

__all__ = ["BUILTIN", "MAX_TEMPLATE_BYTES", "REPO_DIR", "RepoFileRefused", "TemplateRefused", "read_repo_file",
           "render_template", "template_env"]
