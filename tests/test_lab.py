"""JupyterLab: a notebook opened, run and saved leaves git clean and forces no rebuild; `make lab`
takes options."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess

import nbformat
import pytest

from conftest import PROJECT, ROOT, tree_hashes
from latgale_stats.build.state import code_fingerprint
from latgale_stats.cli import main
from latgale_stats.core.declarations import NOTEBOOK_IDS

CONFIG = ROOT / "jupyter" / "jupyter_server_config.py"


def _as_jupyterlab_saves_it(nb: dict) -> dict:
    """The notebook after it was run in JupyterLab: outputs, execution counts, view state and the
    running kernel's details, as the browser sends them to the server on save."""
    nb = copy.deepcopy(nb)
    for n, cell in enumerate(nb["cells"], start=1):
        cell["metadata"]["jupyter"] = {"source_hidden": False}
        if cell["cell_type"] == "code":
            cell["execution_count"] = n
            cell["metadata"]["execution"] = {"iopub.execute_input": "2026-11-26T14:00:00.000Z"}
            cell["metadata"]["scrolled"] = True
            cell["outputs"] = [
                nbformat.v4.new_output("stream", name="stdout", text="shown\n"),
                nbformat.v4.new_output("display_data", data={"text/plain": "x", "image/png": "iVBORw0KGgo="}),
                nbformat.v4.new_output("error", ename="KeyError", evalue="'x'", traceback=[]),
            ]
    nb["metadata"]["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb["metadata"]["language_info"] = {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": "3.11.2",
    }
    return nb


@pytest.mark.parametrize("name", NOTEBOOK_IDS)
def test_a_save_through_the_projects_jupyter_configuration_leaves_the_notebook_as_committed(name, tmp_path):
    """The contents manager JupyterLab saves through, configured by the project's Jupyter
    configuration (the file `make lab` points to), writes the committed bytes back."""
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG.name, str(CONFIG.parent)).load_config()
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks", ignore=shutil.ignore_patterns(".*"))
    manager = FileContentsManager(config=config, root_dir=str(tmp_path / "notebooks"))
    path = f"{name}.ipynb"
    committed = (ROOT / "notebooks" / path).read_bytes()
    model = manager.get(path)
    ran = _as_jupyterlab_saves_it(json.loads(json.dumps(model["content"])))
    assert any(c.get("outputs") for c in ran["cells"])  # the save really carries outputs
    manager.save({"type": "notebook", "format": "json", "content": ran}, path)
    saved = (tmp_path / "notebooks" / path).read_bytes()
    assert saved == committed


def test_the_pre_save_hook_leaves_tags_and_other_files_alone():
    from latgale_stats.lab import strip_on_save

    text = {"type": "file", "format": "text", "content": "outputs: [1]"}
    strip_on_save(model=text, path="notes.txt")
    assert text["content"] == "outputs: [1]"
    nb = nbformat.read(ROOT / "notebooks" / "02-gdp-per-capita.ipynb", as_version=4)
    model = {"type": "notebook", "content": _as_jupyterlab_saves_it(json.loads(json.dumps(nb)))}
    strip_on_save(model=model, path="02-gdp-per-capita.ipynb")
    assert [c["metadata"] for c in model["content"]["cells"]] == [dict(c.metadata) for c in nb.cells]
    assert sum("parameters" in c["metadata"].get("tags", []) for c in model["content"]["cells"]) == 1


def _project_copy(tmp_path):
    """A copy of the project's data, notebooks and settings (the build's fingerprints read them)."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(PROJECT / "data", root / "data")
    for name in ("project.toml", "pyproject.toml"):
        shutil.copyfile(PROJECT / name, root / name)
    return root


def test_markdown_edits_and_saved_outputs_do_not_force_a_rebuild(built, tmp_path, monkeypatch, capsys):
    root = _project_copy(tmp_path)
    monkeypatch.setenv("LATGALE_STATS_ROOT", str(root))
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    before = tree_hashes(out)
    fingerprint = code_fingerprint()
    assert main(["build", "--reports", str(out)]) == 0  # the copy is the project that was built
    assert "Nothing to do" in capsys.readouterr().out
    path = root / "notebooks" / "03-unemployment.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"].append("\nA note an analyst added.")
    path.write_text(json.dumps(_as_jupyterlab_saves_it(nb), ensure_ascii=False, indent=1), encoding="utf-8")
    assert code_fingerprint() == fingerprint
    assert main(["build", "--reports", str(out)]) == 0
    assert "Nothing to do" in capsys.readouterr().out
    assert tree_hashes(out) == before
    # a changed code cell is a change of code
    code = next(
        c for c in nb["cells"] if c["cell_type"] == "code" and "parameters" not in c["metadata"].get("tags", [])
    )
    code["source"] = ["nb.gap_table(obs, language)"]
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    assert code_fingerprint() != fingerprint


def _make_lab_command(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    dry = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "lab", *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    return next(line for line in dry.replace("\\\n", " ").splitlines() if "jupyter lab" in line)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_takes_options_and_keeps_allow_root_and_the_projects_configuration():
    command = _make_lab_command("LAB_ARGS=--no-browser --port 8899")
    assert command.split("jupyter lab", 1)[1].split()[-3:] == ["--no-browser", "--port", "8899"]
    assert ("--allow-root" in command) == (os.geteuid() == 0)  # as root JupyterLab needs it
    assert f'JUPYTER_CONFIG_PATH="{ROOT / "jupyter"}' in command  # the pre-save hook
