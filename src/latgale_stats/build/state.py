"""What the last build left: the manifest, and the fingerprints that tell whether anything changed.

Cheap on purpose (a no-op build does only this): it hashes files and imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..core.confirmations import FILE as CONFIRMATIONS_FILE
from ..core.declarations import NOTEBOOK_IDS
from ..core.io import sha256_bytes, sha256_file
from ..core.paths import display_path, notebooks_dir, project_root
from ..pipeline.load import discover

MANIFEST = "manifest.json"
DEFAULT_PARAMETERS: dict[str, object] = {
    "language": "lv",
    "latest_period": None,
    "comparison_regions": ["Rīgas reģions"],
}


# parameters a notebook's own parameters cell may set for the whole build (the others are the build's own)
SHARED_PARAMETERS = ("comparison_regions", "latest_period")


def normalise_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """``comparison_regions`` as a list, whether given as JSON or as text ('Zemgales reģions' or
    'Zemgales reģions, Vidzemes reģions': commas separate names)."""
    out = dict(parameters)
    regions = out.get("comparison_regions")
    if isinstance(regions, str):
        out["comparison_regions"] = [r.strip() for r in regions.split(",") if r.strip()]
    elif isinstance(regions, tuple):
        out["comparison_regions"] = list(regions)
    return out


def notebook_parameters(path: Path) -> dict[str, Any]:
    """The values a notebook's cell tagged ``parameters`` sets (literals only), as its author left them."""
    import ast

    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            try:
                tree = ast.parse("".join(cell.get("source", "")))
            except SyntaxError:
                return {}
            found: dict[str, Any] = {}
            for node in tree.body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    try:
                        found[node.targets[0].id] = ast.literal_eval(node.value)
                    except ValueError:
                        continue
            return normalise_parameters(found)
    return {}


def resolve_parameters(given: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The build's parameters, and what to tell the user about them: a value given to the build (``-p``)
    is used for every output, and where a notebook's own parameters cell sets another value, that is said;
    without one, a value the notebooks set (all that set it agreeing) is used for every output, and said;
    notebooks that disagree keep the default, and that is said too."""
    given = normalise_parameters(given)
    chosen = normalise_parameters({**DEFAULT_PARAMETERS, **given})
    notes: list[str] = []
    own = {name: notebook_parameters(notebooks_dir() / f"{name}.ipynb") for name in NOTEBOOK_IDS}
    for key in SHARED_PARAMETERS:
        setting = {name: values[key] for name, values in own.items() if key in values}
        other = {name: v for name, v in setting.items() if v != DEFAULT_PARAMETERS.get(key)}
        if key in given:
            for name, value in setting.items():
                if value != chosen[key]:
                    notes.append(
                        f"notebooks/{name}.ipynb sets {key} = {value!r}; the build uses {chosen[key]!r} "
                        "(given with -p) for every figure, sentence, notebook and annex"
                    )
            continue
        values = {json.dumps(v, ensure_ascii=False, sort_keys=True) for v in other.values()}
        if len(values) == 1:
            value = next(iter(other.values()))
            chosen[key] = value
            names = ", ".join(f"notebooks/{n}.ipynb" for n in sorted(other))
            notes.append(f"{key} = {value!r} from {names}: used for every figure, sentence, notebook and annex")
        elif len(values) > 1:
            said = "; ".join(f"notebooks/{n}.ipynb: {v!r}" for n, v in sorted(other.items()))
            notes.append(
                f"the notebooks set {key} differently ({said}); the build uses the default "
                f"{chosen[key]!r}: make them agree, or give -p {key}=… to the build"
            )
    return chosen, notes


def notebook_code(path: Path) -> bytes:
    """The code cells of a notebook (sources only): opening, running or saving a notebook in
    JupyterLab changes outputs and metadata, never this."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return b""
    cells = ["".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    return json.dumps(cells, ensure_ascii=False).encode()


def code_fingerprint() -> str:
    """SHA-256 over the package's source, the notebooks' code cells and ``pyproject.toml`` (which pins
    the libraries that shape the bytes of the outputs; ``make`` reinstalls when it changes): a change
    to any of them rebuilds everything."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        # .toml and .csv: the dataset catalogue, the outlet policy, the territorial tables shape outputs too
        if path.suffix in (".py", ".mplstyle", ".j2", ".json", ".toml", ".csv") and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    for name in NOTEBOOK_IDS:
        h.update(notebook_code(notebooks_dir() / f"{name}.ipynb"))
    pyproject = project_root() / "pyproject.toml"
    if pyproject.exists():
        h.update(pyproject.read_bytes())
    return h.hexdigest()


def key(*parts: object) -> str:
    return sha256_bytes(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode())[:32]


def read_manifest(out: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def input_hashes(data_dir: Path) -> dict[str, str]:
    """The data files and, where there is one, the confirmations of refused values (a confirmation added
    or removed changes what may be drawn)."""
    hashes = {display_path(p): sha256_file(p) for p in discover(data_dir)}
    confirmed = Path(data_dir) / CONFIRMATIONS_FILE
    if confirmed.is_file():
        hashes[display_path(confirmed)] = sha256_file(confirmed)
    return hashes


def outputs_intact(out: Path, manifest: dict[str, Any]) -> bool:
    try:
        return all(sha256_file(out / o["file"]) == o["sha256"] for o in manifest.get("outputs", []))
    except OSError:
        return False


def project_sha() -> str:
    path = project_root() / "project.toml"
    return sha256_file(path) if path.exists() else ""


def up_to_date(
    data_dir: Path, out: Path, parameters: dict[str, Any]
) -> tuple[bool, dict[str, Any], dict[str, str], str]:
    """Whether ``out`` was built from exactly these inputs, code and parameters and is unchanged since."""
    manifest = read_manifest(out)
    inputs = input_hashes(data_dir)
    code = code_fingerprint()
    same = (
        bool(manifest)
        and manifest.get("code_sha256") == code
        and manifest.get("project_sha256") == project_sha()
        and manifest.get("parameters") == parameters
        and {i["file"]: i["sha256"] for i in manifest.get("inputs", [])} == inputs
        and outputs_intact(out, manifest)
    )
    return same, manifest, inputs, code
