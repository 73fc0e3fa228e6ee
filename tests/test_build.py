"""The one-command rebuild: notebooks executed headless, one set swapped in, incremental, no-op."""

from __future__ import annotations

import ast
import json
import shutil

import nbformat
import pytest

import latgale_stats.build.make as B
from conftest import PROJECT, RAW, ROOT, tree_hashes
from latgale_stats.build import run as RUN
from latgale_stats.build.state import DEFAULT_PARAMETERS
from latgale_stats.cli import main
from latgale_stats.core import declarations as D
from latgale_stats.core.declarations import FIGURE_IDS, NOTEBOOK_IDS, notebook_ids
from latgale_stats.core.io import sha256_file

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALLOWED_IMPORTS = {"latgale_stats"}


def test_the_five_notebooks_are_there():
    assert [p.stem for p in NOTEBOOKS] == list(NOTEBOOK_IDS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_with_one_parameters_cell_and_no_logic(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "outputs committed"
    assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1
    markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "data/raw/" in markdown and "make build" in markdown  # how to update the data
    for cell in code:
        tree = ast.parse(cell.source)
        for node in ast.walk(tree):
            assert not isinstance(
                node, ast.FunctionDef | ast.ClassDef | ast.For | ast.While | ast.If | ast.With | ast.Try | ast.Lambda
            ), f"logic in a notebook cell: {cell.source}"
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                assert all(n.split(".")[0] in ALLOWED_IMPORTS for n in names), cell.source


def test_build_executes_every_notebook_without_error(built):
    assert notebook_ids(None) == NOTEBOOK_IDS[:5]  # Latgale's; 06 is another focus's (test_focus_outputs.py)
    for name in notebook_ids(None):
        nb = nbformat.read(built / "notebooks" / f"{name}.ipynb", as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert outputs and not [o for o in outputs if o.output_type == "error"], name
        assert all(c.execution_count for c in nb.cells if c.cell_type == "code"), name
        html = (built / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        assert "<html" in html and ".reports-new-" not in html
        assert "No description has been provided" not in html  # every figure carries its alt text
    shown = nbformat.read(built / "notebooks" / "05-application-figures.ipynb", as_version=4)
    images = [o for c in shown.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == len(FIGURE_IDS)


def test_manifest_lists_inputs_parameters_and_outputs(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package"]["name"] == "latgale-stats" and manifest["package"]["version"]
    assert manifest["parameters"] == DEFAULT_PARAMETERS
    inputs = {i["file"]: i for i in manifest["inputs"]}
    assert inputs["data/raw/nama_10r_3gdp_LV_2023-02-21.csv"]["vintage"] == "2023-02-21"
    assert inputs["data/raw/nama_10r_3gdp_LV_2023-02-21.csv"]["vintage_from"] == "release"
    assert inputs["data/raw/bd_size_r3_LV_2024-01-12.tsv"]["vintage_from"] == "copy"  # only the day it was copied
    assert set(inputs) == {f"data/raw/{p.name}" for p in RAW.iterdir() if p.suffix in (".csv", ".tsv")}
    outputs = {o["file"]: o for o in manifest["outputs"]}
    figure_files = 2 * sum(len(D.formats_of(f)) for f in FIGURE_IDS)  # PNG, SVG, PDF and the annex's copies
    assert len(outputs) == figure_files + 2 + 2 * len(notebook_ids(None)) + 2
    for rel, entry in outputs.items():
        assert sha256_file(built / rel) == entry["sha256"], rel
    gdp = outputs["figures/gdp_index_latest_lv.png"]["depends_on"]
    assert "data/raw/nama_10r_3gdp_LV_2023-02-21.csv" in gdp and "data/raw/nva_registered_unemployment.csv" not in gdp


def test_language_parameter_changes_the_notebook_language(built, obs):
    params = {**DEFAULT_PARAMETERS, "language": "en", "figures_dir": str(built / "figures"), "data_dir": None}
    ipynb, html = RUN.render_and_execute(
        obs, ("en",), set(), built / "figures", ["03-unemployment"], params, quiet=True
    )[2]["03-unemployment"]
    text = ipynb.decode("utf-8")
    assert "Latgale region" in text and "Latgales reģions" not in text
    assert "Bar chart: registered unemployment rate" in html.decode("utf-8")  # the figure's English alt text
    lv = (built / "notebooks" / "03-unemployment.ipynb").read_text(encoding="utf-8")
    assert "Latgales reģions" in lv


def test_noop_rebuild_touches_nothing_and_starts_no_kernel(built, tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    before = tree_hashes(out)

    def forbidden(*args, **kwargs):
        raise AssertionError("a no-op build must not render or start a kernel")

    monkeypatch.setattr(B, "render_and_execute", forbidden)
    monkeypatch.setattr(RUN, "_execute", forbidden)
    assert main(["build", "--reports", str(out)]) == 0
    assert "Nothing to do" in capsys.readouterr().out
    assert tree_hashes(out) == before


def test_unknown_comparison_region_is_refused_before_anything_runs(built, tmp_path, capsys):
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    before = tree_hashes(out)
    code = main(["build", "--reports", str(out), "--quiet", "-p", 'comparison_regions=["Latgles reģions"]'])
    err = capsys.readouterr().err
    assert code == 1
    assert "[bad-parameter]" in err and "comparison_regions" in err and "Latgales reģions" in err
    assert "Traceback" not in err
    assert tree_hashes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_notebook_error_names_notebook_and_cell_and_keeps_reports(built, tmp_path, capsys, monkeypatch):
    """A failing cell stops the build with the notebook, the cell and the library's message."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    (root / "data").mkdir()
    (root / "data" / "raw").symlink_to(RAW)
    shutil.copyfile(PROJECT / "project.toml", root / "project.toml")
    path = root / "notebooks" / "03-unemployment.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell('nb.check_regions(["Latgles reģions"])'))
    nbformat.write(nb, path)
    monkeypatch.setenv("LATGALE_STATS_ROOT", str(root))
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    before = tree_hashes(out)
    code = main(["build", "--reports", str(out), "--quiet", "--force"])
    err = capsys.readouterr().err
    assert code == 1
    assert "notebooks/03-unemployment.ipynb, cell 5" in err and "nb.check_regions" in err
    assert "[bad-parameter]" in err and "nearest known names" in err and "Latgales reģions" in err
    assert "Traceback" not in err
    assert tree_hashes(out) == before


def test_changing_one_raw_file_rebuilds_only_its_dependants(tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(RAW, data)
    out = tmp_path / "reports"
    first = B.build(data, out, quiet=True)
    assert not first.reused
    old = {o["file"]: o for o in first.manifest["outputs"]}
    with open(data / "nva_registered_unemployment.csv", "a", encoding="utf-8") as fh:  # made-up test row
        fh.write(
            "registered_unemployment_rate,Latgales reģions,2020-12,15.5,% of economically active population,"
            "NVA,https://example.invalid/test,made-up test value,,\n"
        )
    second = B.build(data, out, quiet=True)
    new = {o["file"]: o for o in second.manifest["outputs"]}
    changed = {f for f in new if new[f]["key"] != old[f]["key"]}
    expected = {
        f"figures/{c}_{lang}.{fmt}"
        for c in ("unemployment_latest", "unemployment_trend", "key_figures")
        for lang in ("lv", "en")
        for fmt in D.formats_of(c)  # PNG, SVG, PDF and the annex's copy
    }
    expected |= {"indicators.xlsx", "chart_data.xlsx", "annex_lv.docx", "annex_en.docx"}
    expected |= {
        f"notebooks/{n}.{ext}"
        for n in ("01-data-overview", "03-unemployment", "05-application-figures")
        for ext in ("ipynb", "html")
    }
    assert changed == expected
    assert set(second.written) == expected and set(second.reused) == set(new) - expected
    assert second.changed_inputs == [str(data / "nva_registered_unemployment.csv")]
    for f in set(new) - expected:
        assert new[f]["sha256"] == old[f]["sha256"]
    # the new year end fills Latgale's 2020 gap in the trend (2024 is held since NVA's end-2024 figure was confirmed);
    # the latest-month bars (December 2025) stay as they were
    assert new["figures/unemployment_trend_lv.png"]["sha256"] != old["figures/unemployment_trend_lv.png"]["sha256"]
    assert new["figures/unemployment_latest_lv.png"]["sha256"] == old["figures/unemployment_latest_lv.png"]["sha256"]
    third = B.build(data, out, quiet=True)
    assert third.noop


def test_force_rebuilds_everything_to_the_same_bytes(built, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    before = tree_hashes(out)
    result = B.build(out=out, force=True, quiet=True, notebooks=False)
    figure_files = 2 * sum(len(D.formats_of(f)) for f in FIGURE_IDS)
    assert not result.reused and len(result.written) == figure_files + 4  # figures, 2 xlsx, 2 docx
    after = tree_hashes(out)
    assert {k: v for k, v in after.items() if k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json" and not k.startswith("notebooks/")
    }


def _run_by_hand(name: str, tmp_path, **parameters):
    """Execute a notebook as an analyst does in JupyterLab: its own folder as working directory,
    no figures folder from a build."""
    from nbclient import NotebookClient

    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    if parameters:
        nb = RUN.inject_parameters(nb, parameters)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return folder, [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def test_notebooks_run_by_hand_write_nothing_and_print_no_reprs_or_paths(tmp_path):
    reports = PROJECT / "reports"
    before = tree_hashes(reports) if reports.exists() else None
    folder, outputs = _run_by_hand("05-application-figures", tmp_path)
    assert list(folder.iterdir()) == []  # nothing written beside the notebook
    assert (tree_hashes(reports) if reports.exists() else None) == before  # nor into reports/
    # what is shown as text: printed lines and results with nothing richer to show (an image's or a
    # table's text/plain is a fallback JupyterLab does not show)
    texts = [str(o.get("text", "")) for o in outputs] + [
        str(o["data"]["text/plain"]) for o in outputs if list(o.get("data", {})) == ["text/plain"]
    ]
    assert not [t for t in texts if t.startswith("<") or "object at 0x" in t]  # no object reprs
    assert not [t for t in texts if str(ROOT) in t or str(tmp_path) in t]  # no machine paths
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == len(FIGURE_IDS)  # every figure, each once
    assert all(o["metadata"]["image/png"]["alt"] for o in images)


def test_comparison_regions_drive_figures_and_sentences(tmp_path):
    _, outputs = _run_by_hand(
        "05-application-figures", tmp_path, comparison_regions=["Vidzemes reģions"], language="en"
    )
    alts = " ".join(o["metadata"]["image/png"]["alt"] for o in outputs if "image/png" in o.get("data", {}))
    html = " ".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "Vidzeme region" in html and "Rīga region" not in html  # the sentences compare with Vidzeme
    assert "Vidzeme region" in alts


LEAN_IMPORTS = """
import sys
from latgale_stats.build import run
run._import_notebook_machinery()
import nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
nbformat.validate(nb)
nb.cells[0]["source"] = 7  # not text: the notebook schema must still refuse it
try:
    nbformat.validate(nb)
except nbformat.ValidationError:
    print("refused")
print(sys.modules["rfc3987_syntax"])
"""


def test_the_build_imports_the_notebook_machinery_without_the_iri_grammar():
    """The build's process leaves out jsonschema's optional IRI-format package (seconds of grammar
    building before any kernel starts), and notebooks are still validated against their schema."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", LEAN_IMPORTS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["refused", "None"]
