"""What the service lists: the plugins and the policies, in the shapes of ``zhengce plugins|policies --format json``."""

from __future__ import annotations

from typing import Any

from zhengce.contracts import dump

from ..kernel import Kernel


def plugin_set(kernel: Kernel) -> dict[str, Any]:
    """The plugin set: its id (a hash of names, distributions and versions) and its plugins."""
    return {"id": kernel.plugin_set, "plugins": [dump(p) for p in kernel.plugins]}


def load_problems(kernel: Kernel) -> list[dict[str, str]]:
    return [{"plugin": p.plugin, "message": p.message} for p in kernel.problems]


def plugins(kernel: Kernel) -> dict[str, Any]:
    rows = [dump(p) | {"policies": [r.spec.id for r in kernel.policies if r.plugin.name == p.name],
                       "sections": [n for n, o in kernel.sections.items() if o.plugin == p]} for p in kernel.plugins]
    shared = [n for n, o in kernel.sections.items() if o.plugin is None]
    return {"plugin_set": kernel.plugin_set, "plugins": rows, "shared_sections": shared, "problems": load_problems(kernel)}


def policies(kernel: Kernel) -> dict[str, Any]:
    rows = []
    for reg in kernel.policies:
        params = reg.spec.parameters
        docs = [dump(d.ref()) | {"title": d.title} for d in params.documents.values()] if params else []
        rows.append({"id": reg.spec.id, "title": dump(reg.spec.title), "facts": list(reg.spec.facts),
                     "plugin": reg.plugin.name, "version": reg.plugin.version, "documents": docs})
    return {"policies": rows}
