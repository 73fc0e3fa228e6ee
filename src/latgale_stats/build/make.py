"""``build()``: validate, render, execute the notebooks, write ``reports/`` as one set.

* One set: everything is written into a temporary folder beside ``reports/`` and swapped in only
  when all of it is written, so a failed build leaves the last good ``reports/`` as it was.
* Incremental: ``plan`` gives every output a key (the code, the parameters it uses and a digest of
  the observations of the indicators it declares). Unchanged outputs are copied from the last
  build, the others rendered (``run``). A rebuild with the same inputs, code and parameters only
  hashes files and stops (``state``). ``force=True`` renders everything.
* ``reports/manifest.json`` lists the inputs (SHA-256, vintage), the package version, the parameters
  and the outputs (SHA-256, key, the input files behind each). It holds no timestamps.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..core import regions as R
from ..core.declarations import figure_ids, formats_of, notebook_ids
from ..core.focus import Focus, focus_of, scope
from ..core.io import LockHeld, alive, atomic_write_bytes, pid_lock, sha256_bytes
from ..core.model import CellRef
from ..core.paths import data_dir as default_data
from ..core.paths import reports_dir
from ..core.problems import DataError, Problem
from ..outputs.annex import build_annex, project_facts
from ..outputs.diff import compare, snapshot
from ..outputs.files import chart_data_workbook, indicators_workbook
from ..pipeline.freshness import freshness
from ..pipeline.load import CACHE_ENV, Dataset, write_cache
from ..pipeline.load import read as read_dataset
from ..pipeline.select import partial_lines, until
from ..present.charts import ChartUnavailable
from . import plan as P
from .run import NotebookFailed, render_and_execute
from .state import (
    DEFAULT_PARAMETERS,
    EDITED,
    IN_THE_WAY,
    MANIFEST,
    edited_name,
    kept_note,
    kept_notes,
    not_written,
    outputs_intact,
    project_sha,
    read_manifest,
    up_to_date,
)

__all__ = ["DEFAULT_PARAMETERS", "BuildResult", "NotebookFailed", "build", "read_manifest"]


@dataclass
class BuildResult:
    noop: bool = False
    first: bool = False  # no earlier build in this folder
    written: list[str] = field(default_factory=list)  # outputs rendered in this build
    reused: list[str] = field(default_factory=list)  # outputs copied from the last build
    not_drawn: list[ChartUnavailable] = field(default_factory=list)
    changed_inputs: list[str] = field(default_factory=list)
    warnings: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)
    changes: Any = None  # DataFrame from diff.compare, None without an earlier build
    tidied: list[str] = field(default_factory=list)  # what was put back from a stopped build
    changed_outputs: set[str] = field(default_factory=set)  # outputs whose bytes differ from the last build's
    due: list[Any] = field(default_factory=list)  # pipeline.freshness.Freshness: a newer release likely
    partial: list[str] = field(default_factory=list)  # a newer month held for some compared regions only
    kept: list[str] = field(default_factory=list)  # files of reports/ the build did not write: kept, and where
    focus: Focus | None = None  # the territory the outputs speak of


class BuildBusy(Exception):
    """Another build is writing the same reports folder."""


class SwapFailed(Exception):
    """The new set could not be put in place; the previous one was kept (or restored)."""


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the build lock of ``out`` (a hidden file beside it, removed when the build ends): a second
    build refuses with a message instead of overwriting the first one's work. The lock dies with its
    process; a lock file left by a killed build is simply taken over."""
    try:
        with pid_lock(out.with_name(f".{out.name}.lock")):
            yield
    except LockHeld as held:
        raise BuildBusy(held.holder or "another process") from None


def tidy(out: Path) -> list[str]:
    """Put back what a killed build left: restore ``out`` from its previous set when a kill fell
    between the two renames, and remove the temporary folders of builds that are no longer running.
    Returns what was done, for the build to say."""
    said = []
    for tmp in sorted(out.parent.glob(f".{out.name}-*-*")):
        kind, _, pid = tmp.name.rpartition("-")
        if not pid.isdigit() or (int(pid) != os.getpid() and alive(int(pid))):
            continue
        if kind.endswith("-old") and not out.exists():
            os.replace(tmp, out)
            said.append(f"{out.name}/ restored from the previous build (a build was stopped while swapping)")
        elif kind.endswith("-old"):  # the new set is in place: what no build wrote goes into it, not away
            said += [f"{line} (from {tmp.name}, left by a stopped build)" for line in retire(tmp, out)]
            said.append(f"removed {tmp.name} left by a stopped build")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            said.append(f"removed {tmp.name} left by a stopped build")
    return said


def carry(out: Path, tmp: Path, manifest: dict[str, Any]) -> list[str]:
    """Copy into the new set ``tmp`` every file of ``out`` the last build did not write (see
    ``state.not_written``): a user's file at the same place, an output changed since the build wrote it
    under a new name beside it (``annex_lv-edited.docx``), as a file standing where this build writes an
    output. Copied, never moved, so a build that fails leaves ``out`` whole. Returns what the build says."""
    notes = []
    for rel, why in not_written(out, manifest):
        target = rel
        if why == EDITED or rel == MANIFEST or (tmp / rel).exists() or (tmp / rel).is_symlink():
            why = why or IN_THE_WAY
            target = edited_name(out, rel, tmp)
        (tmp / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(out / rel, tmp / target, follow_symlinks=False)
        note = kept_note(out, rel, why, target)
        if note:
            notes.append(note)
    return notes


def retire(old: Path, out: Path) -> list[str]:
    """Remove ``old``, a set ``out`` replaced. A file in it that no build wrote is moved into ``out`` first
    where ``out`` lacks it or holds an older copy (the file was saved again while the build ran), so that
    the build never removes a file it did not write. Returns what was put back."""
    said = []
    for rel, why in not_written(old, read_manifest(old)):
        src, dst = old / rel, out / rel
        if why or (dst.exists() or dst.is_symlink()) and dst.lstat().st_mtime >= src.lstat().st_mtime:
            continue  # an edited output, kept under its new name; or the copy carried over is as new
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)
        said.append(f"{out.name}/{rel} was saved while the build ran: the saved file was kept")
    shutil.rmtree(old, ignore_errors=True)
    return said


def swap_in(tmp: Path, out: Path) -> list[str]:
    """Replace ``out`` by ``tmp`` with two renames; at every moment either the old or the new set is
    complete under one of two names, and ``tidy`` restores ``out`` if a kill falls in between. If
    the second rename fails, the old set is put back. The old set is then retired (:func:`retire`):
    returns what of it was put into the new one."""
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    had_old = out.exists()
    try:
        if had_old:
            os.replace(out, old)
    except OSError as err:
        raise SwapFailed(f"{out.name}/ could not be moved aside ({err.strerror}); it was left as it was") from None
    try:
        os.replace(tmp, out)
    except OSError as err:
        if had_old:
            os.replace(old, out)
        raise SwapFailed(
            f"the new {out.name}/ could not be put in place ({err.strerror}); the previous set was restored"
        ) from None
    return retire(old, out) if had_old else []


def _relocate(blob: bytes, tmp: Path) -> bytes:
    """Executed notebooks name the temporary folder they ran against: write the figures' folder
    as seen from ``reports/notebooks/`` (``../figures``), so the bytes depend neither on the
    process nor on where ``reports/`` is."""
    text = blob.decode("utf-8")
    for form in (str(tmp / "figures"), json.dumps(str(tmp / "figures"))[1:-1]):
        text = text.replace(form, "../figures")
    return text.encode("utf-8")


def _manifest(
    ds: Dataset,
    inputs: dict[str, str],
    code: str,
    parameters: dict[str, Any],
    outputs: list[dict[str, Any]],
    result: BuildResult,
) -> dict[str, Any]:
    files = {f.shown: f for f in ds.files}
    return {
        "package": {"name": "latgale-stats", "version": __version__},
        "code_sha256": code,
        "project_sha256": project_sha(),
        "parameters": parameters,
        "inputs": [
            {
                "file": name,
                "sha256": digest,
                "format": files[name].format if name in files else "",
                "vintage": files[name].vintage if name in files else None,
                "vintage_from": files[name].vintage_from.value if name in files else "",
                "rows": files[name].rows if name in files else 0,
            }
            for name, digest in sorted(inputs.items())
        ],
        "outputs": sorted(outputs, key=lambda o: o["file"]),
        "not_drawn": [{"figure": w.chart_id, "reason": w.reason} for w in result.not_drawn],
        **(
            {"focus": {"territory": result.focus.territory, "compare_with": list(result.focus.compare_with)}}
            if result.focus is not None and not result.focus.is_default
            else {}
        ),
        "warnings": result.warnings,
    }


def refuse_without_data(obs: Any, focus: Focus) -> None:
    """Another focus than Latgale with no value for any indicator its figures and sentences read: a
    DataError naming what is missing and where to get it (nothing is built)."""
    from ..present import charts
    from ..present.charts import focus_profile
    from ..present.focus import name
    from ..present.text import sentences

    for chart_id in figure_ids(*scope(focus)):
        try:
            charts.summary(chart_id, obs, "en", focus=focus)
            return
        except charts.ChartUnavailable:
            continue
    if sentences(obs, "en", focus=focus):
        return
    missing = [*focus_profile.missing(obs, focus), "new_enterprises: Lursoft's counts entered with their source"]
    where = CellRef("build parameters", None, "focus")
    raise DataError(
        [
            Problem(
                "no-data-for-focus",
                where,
                name(focus.territory, "en"),
                "a territory with a value for at least one indicator; none is held in data/raw/ for it: "
                + "; ".join(missing),
                "get the data named (`latgale-stats update` fetches the publishers' tables), or choose another focus",
            )
        ]
    )


def comparison_key(names: object, hint: str = "-p comparison_regions='[\"Vidzemes reģions\"]'") -> str:
    """The planning region (key, e.g. ``RIGA``) the ``comparison_regions`` parameter names first; an
    unknown name is a DataError naming the parameter and the nearest known names."""
    if isinstance(names, str):  # 'Zemgales reģions' or 'Zemgales reģions, Vidzemes reģions', never its letters
        names = [n.strip() for n in names.split(",") if n.strip()]
    if not names:
        return R.DEFAULT_VERSUS
    name = names[0] if isinstance(names, list | tuple) else names
    try:
        code = R.resolve(str(name), (R.PLAN2021,)).code
    except (R.UnknownRegion, R.AmbiguousRegion) as exc:
        near = ", ".join(repr(s) for s in getattr(exc, "suggestions", [])) or "none close"
        where = CellRef("build parameters", None, "comparison_regions")
        raise DataError(
            [
                Problem(
                    "bad-parameter",
                    where,
                    str(name),
                    f"a planning region; nearest known names: {near}",
                    f"correct the name, e.g. {hint}",
                )
            ]
        ) from None
    return R.planning_key(code)


def build(
    data_dir: Path | None = None,
    out: Path | None = None,
    parameters: dict[str, Any] | None = None,
    force: bool = False,
    notebooks: bool = True,
    langs: tuple[str, ...] = ("lv", "en"),
    quiet: bool = False,
) -> BuildResult:
    """Build ``out`` (default ``reports/``) from ``data_dir`` (default ``data/raw/``), holding the
    build lock, after putting back what a stopped build left."""
    out = Path(out) if out else reports_dir()
    with locked(out):
        tidied = tidy(out)
        data = Path(data_dir) if data_dir else default_data()
        result = _build(data, out, parameters or {}, force, notebooks, langs, quiet)
        result.tidied = tidied
        return result


def _build(
    data_dir: Path, out: Path, chosen: dict[str, Any], force: bool, notebooks: bool, langs: tuple[str, ...], quiet: bool
) -> BuildResult:
    """The build itself, with the arguments of :func:`build` resolved and its lock held."""
    parameters = {**DEFAULT_PARAMETERS, **chosen}
    same, old, inputs, code = up_to_date(data_dir, out, parameters)
    result = BuildResult(first=not old)
    old_inputs = {i["file"]: i["sha256"] for i in old.get("inputs", [])}
    result.changed_inputs = sorted(f for f in set(inputs) | set(old_inputs) if inputs.get(f) != old_inputs.get(f))
    if same and not force:
        result.noop, result.manifest, result.kept = True, old, kept_notes(out, old)
        return result

    versus = comparison_key(parameters.get("comparison_regions"))  # checked before anything is read
    focus = focus_of(parameters.get("focus"))  # --focus, or [focus] of project.toml; Latgale by default
    ds = read_dataset(data_dir, reuse=True)  # parsed once a process, whatever the focus
    # the manifest lists the files this build read, with the bytes it read (an update that placed a file
    # between the scan above and the reading is then listed, or the next build sees the difference)
    inputs = {f.shown: f.sha256 for f in ds.files} | {k: v for k, v in inputs.items() if k.endswith(".toml")}
    obs_all = ds.observations(all_rows=True)  # every row; derived values computed once
    obs = until(obs_all[obs_all["status"] == ""].reset_index(drop=True), parameters.get("latest_period"))
    result.warnings = len(ds.warnings)
    result.due = [f for f in freshness(ds.rows) if f.due]
    result.partial = partial_lines(obs)
    result.focus = focus
    if not focus.is_default:
        refuse_without_data(obs, focus)  # before anything is written
    if "observations" in old:
        result.changes = compare(old["observations"], obs)
    old_outputs = {o["file"]: o for o in old.get("outputs", [])} if outputs_intact(out, old) else {}
    todo = P.plan(
        code=code,
        parameters=parameters,
        digests=P.indicator_digests(until(obs_all, parameters.get("latest_period"))),
        files_of=P.indicator_files(obs_all),
        inputs=inputs,
        project_sha=project_sha(),
        old_outputs=old_outputs,
        force=force,
        langs=langs,
        notebooks=notebooks,
        focus=focus,
    )
    facts = project_facts() if todo.annexes else None  # read (and checked) before anything runs

    tmp = out.with_name(f".{out.name}-new-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    outputs: list[dict[str, Any]] = []

    def put(rel: str, data: bytes | None) -> None:
        """Write a new output, or (data is None) copy the last build's unchanged one."""
        planned = todo.files[rel]
        target = tmp / rel
        if data is None:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / rel, target)
            result.reused.append(rel)
            digest = old_outputs[rel]["sha256"]
        else:
            atomic_write_bytes(target, data)
            result.written.append(rel)
            digest = sha256_bytes(data)
        outputs.append({"file": rel, "sha256": digest, "key": planned.key, "depends_on": list(planned.depends_on)})

    try:
        for rel, planned in todo.files.items():  # unchanged figures: there for the notebooks to show
            if rel.startswith("figures/") and planned.fresh:
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(out / rel, tmp / rel)
        given = None if data_dir.resolve() == default_data().resolve() else str(data_dir)
        nb_params = {**parameters, "figures_dir": str(tmp / "figures"), "data_dir": given}
        if todo.notebooks:  # the notebooks' kernels take the dataset read here instead of reading it again
            write_cache(ds, data_dir, tmp / ".dataset.pickle")
            os.environ[CACHE_ENV] = str(tmp / ".dataset.pickle")
        side = [(indicators_workbook, obs)] if todo.indicators_xlsx else []

        def annex_job(lang: str) -> Any:
            return lambda rendered_: build_annex(
                lang, obs, rendered_, tmp / "figures", __version__, facts, versus=versus, focus=focus
            )

        rendered, result.not_drawn, executed, side_results = render_and_execute(
            obs,
            langs,
            todo.figures,
            tmp / "figures",
            todo.notebooks,
            nb_params,
            side,
            quiet,
            [(lg, annex_job(lg)) for lg in todo.annexes],
            versus=versus,
            focus=focus,
        )
        annexes = dict(zip(todo.annexes, side_results[len(side) :], strict=True))

        for fig in rendered:
            for fmt in formats_of(fig.chart_id):
                rel = f"figures/{fig.chart_id}_{fig.lang}.{fmt}"
                put(rel, fig.files.get(fmt) if (fig.chart_id, fig.lang) in todo.figures else None)
        put("indicators.xlsx", side_results[0] if todo.indicators_xlsx else None)
        put("chart_data.xlsx", chart_data_workbook(rendered) if todo.chart_data_xlsx else None)
        for lg in langs:
            put(f"annex_{lg}.docx", annexes.get(lg))
        for name in notebook_ids(*scope(focus)) if notebooks else ():
            blobs = executed.get(name, (None, None))
            for ext, blob in zip(("ipynb", "html"), blobs, strict=True):
                put(f"notebooks/{name}.{ext}", _relocate(blob, tmp) if blob is not None else None)

        result.kept = carry(out, tmp, old)  # after the outputs: a file where one now stands is renamed
        result.manifest = _manifest(ds, inputs, code, parameters, outputs, result)
        before = {o["file"]: o["sha256"] for o in old.get("outputs", [])}
        result.changed_outputs = {o["file"] for o in outputs if before.get(o["file"]) != o["sha256"]}
        result.manifest["observations"] = snapshot(obs)
        atomic_write_bytes(tmp / MANIFEST, json.dumps(result.manifest, indent=1, ensure_ascii=False).encode())
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        os.environ.pop(CACHE_ENV, None)
    (tmp / ".dataset.pickle").unlink(missing_ok=True)
    result.kept += swap_in(tmp, out)
    return result
