"""What JupyterLab calls: the hook that keeps saved notebooks as they are committed.

``make lab`` starts JupyterLab with the project's Jupyter configuration (``jupyter/``), whose
``jupyter_server_config.py`` installs :func:`strip_on_save` as the contents manager's pre-save hook.
Every save (Ctrl+S and autosave) then writes the notebook without outputs, execution counts, the
kernel's version details and the view state of cells, so opening and running a notebook leaves git
clean; the build reads only code cells (``build.state.notebook_code``) and runs the notebooks itself.

Imports nothing heavy: the server imports this module at start.
"""

from __future__ import annotations

from typing import Any

# cell metadata that records how a cell was last shown or run, not what it is ("tags" stays:
# the build finds the parameters cell by its tag)
_VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled", "jupyter", "trusted", "ExecuteTime")
# the kernel as committed: JupyterLab writes the running kernel's display name and version details
_KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def strip_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """``nb`` (a notebook as JSON, changed in place and returned) as it is committed: code cells
    without outputs or execution counts, cells without view state, the kernel named only."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        for name in _VOLATILE_CELL_METADATA:
            metadata.pop(name, None)
    metadata = nb.setdefault("metadata", {})
    if metadata.get("kernelspec", {}).get("name") == _KERNELSPEC["name"]:
        metadata["kernelspec"] = dict(_KERNELSPEC)
    if "language_info" in metadata:
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    metadata.pop("widgets", None)
    return nb


def strip_on_save(model: dict[str, Any], **_kwargs: Any) -> None:
    """Jupyter server pre-save hook: a notebook is saved stripped (other files as they are)."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_notebook(model["content"])
