"""What the last build left: the manifest, and the fingerprints that tell whether anything changed.

Cheap on purpose (a no-op build does only this): it hashes files and imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from ..core.confirmations import FILE as CONFIRMATIONS_FILE
from ..core.declarations import NOTEBOOK_IDS
from ..core.io import sha256_bytes, sha256_file
from ..core.paths import command, display_path, notebooks_dir, project_root
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


# --- files in reports/ that the build did not write -----------------------------------------------------------
# The build replaces reports/ as one set, so it carries over what it finds there that it did not write (a filled
# entry workbook saved there, a user's notes, `update`'s metadata) and says where each belongs. It knows what it
# wrote from the manifest: its outputs with their SHA-256, and the manifest itself.

ENTRY_MARKER = b"latgale_stats_entry"  # the defined name of the entry workbook (ingest.entry.MARKER)
DATA_SUFFIXES = (".csv", ".tsv", ".json", ".px", ".xlsx", ".gz")  # as read in data/raw/
EDITED = "edited"  # an output changed after the build wrote it
IN_THE_WAY = "in the way"  # a file where this build writes an output


def _quiet(rel: str) -> bool:
    """Hidden files and the lock files spreadsheet and word processors keep beside an open document
    (``.~lock.NAME#``, ``~$NAME``): carried over, not named."""
    return any(part.startswith((".", "~$")) for part in rel.split("/"))


def not_written(out: Path, manifest: dict[str, Any], hashed: bool = True) -> list[tuple[str, str]]:
    """The files in ``out`` the last build did not write, as (path relative to ``out``, why): ``""`` for a
    file that is not one of its outputs, :data:`EDITED` for an output changed since (its SHA-256 differs
    from the manifest's; not looked for unless ``hashed``). Without a manifest nothing in ``out`` was
    written by a build."""
    if not out.is_dir():
        return []
    written: dict[str, str | None] = {o["file"]: o["sha256"] for o in manifest.get("outputs", [])}
    if manifest:
        written[MANIFEST] = None
    found = []
    for path in sorted(out.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(out).as_posix()
        if rel not in written:
            found.append((rel, ""))
        elif hashed and written[rel] is not None and (path.is_symlink() or sha256_file(path) != written[rel]):
            found.append((rel, EDITED))
    return found


def _is_entry_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return ENTRY_MARKER in z.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def kept_note(out: Path, rel: str, why: str, kept_as: str | None = None) -> str | None:
    """What the build says about a file of ``out`` it did not write and kept (None for hidden and lock
    files): that it was kept, and where it belongs."""
    if _quiet(rel):
        return None
    shown = f"{display_path(out)}/{rel}"
    if why == EDITED:
        return (
            f"{shown} was changed after the build wrote it: kept as {display_path(out)}/{kept_as}, and {rel} "
            f"written anew; keep edited copies outside {display_path(out)}/"
        )
    if why == IN_THE_WAY:
        return (
            f"{shown} is not a build output but stands where the build writes one: kept as "
            f"{display_path(out)}/{kept_as}; keep your own files outside {display_path(out)}/"
        )
    if rel.startswith("update/"):  # fetch.csp.METADATA_DIR
        return f"{shown} was saved by `{command('update')}` (a table's metadata, for --describe): kept"
    where = f"{shown} is not a build output: kept"
    path = out / rel
    if _is_entry_workbook(path):
        return (
            f"{where}; a filled entry workbook belongs in data/raw/: move it there and record it "
            f"(`{command('origins', 'add')} data/raw/{path.name} --publisher … --url …`)"
        )
    if path.suffix.lower() in DATA_SUFFIXES:
        return f"{where}; a data file belongs in data/raw/, recorded with `{command('origins', 'add')}`"
    return f"{where}; your own files are safer outside {display_path(out)}/, which every build rewrites"


def kept_notes(out: Path, manifest: dict[str, Any]) -> list[str]:
    """What a build that has nothing to do says about the files of ``out`` it did not write (its outputs
    are intact, so they are not hashed again)."""
    notes = [kept_note(out, rel, why) for rel, why in not_written(out, manifest, hashed=False)]
    return [n for n in notes if n]


def edited_name(out: Path, rel: str, taken: Path | None = None) -> str:
    """Where an edited output is kept: ``annex_lv-edited.docx`` beside it, numbered if that is taken in
    ``out`` (or in ``taken``, the new set)."""
    stem, dot, suffix = rel.rpartition(".") if "." in rel.rsplit("/", 1)[-1] else (rel, "", "")
    n = 1
    while True:
        name = f"{stem}-edited{'' if n == 1 else f'-{n}'}{dot}{suffix}"
        if not (out / name).exists() and not (taken is not None and (taken / name).exists()):
            return name
        n += 1


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
