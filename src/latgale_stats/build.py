"""``latgale-stats build``: validate, render, execute the notebooks, write ``reports/`` as one set.

* One set: everything is written into a temporary folder beside ``reports/`` and swapped in only
  when all of it is written, so a failed build leaves the last good ``reports/`` as it was.
* Incremental: every output has a key (the code, the parameters and the SHA-256 of the input files
  it depends on). A rebuild with the same inputs, code and parameters only hashes and stops; after a
  change to one raw file only the outputs depending on it are rendered again, the others are copied.
  ``force=True`` renders everything.
* ``reports/manifest.json`` lists the inputs (SHA-256, vintage), the package version, the parameters
  and the outputs (SHA-256, key, the input files behind each). It holds no timestamps.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .dataset import sha256_file
from .export import FORMATS, atomic_write_bytes, chart_data_workbook, figure_bytes, indicators_workbook
from .paths import display_path, notebooks_dir

MANIFEST = "manifest.json"
NOTEBOOKS = ("01-data-overview", "02-gdp-per-capita", "03-unemployment", "04-firm-formation",
             "05-application-figures")
DEFAULT_PARAMETERS: dict[str, object] = {"language": "lv", "latest_period": None,
                                         "comparison_regions": ["Rīgas reģions"]}
# Which indicators each output shows (derived indicators are expanded from their inputs below).
FIGURE_INDICATORS = {
    "gdp_index_latest": {"gdp_per_capita_index"},
    "gdp_index_trend": {"gdp_per_capita_index"},
    "gdp_pps_eu": {"gdp_per_capita_pps_eu"},
    "unemployment_latest": {"registered_unemployment_rate"},
    "unemployment_trend": {"registered_unemployment_rate"},
    "firm_formation": {"new_enterprises_per_1000"},
    "key_figures": {"gdp_per_capita_index", "registered_unemployment_rate", "new_enterprises_per_1000"},
}
NOTEBOOK_INDICATORS = {
    "01-data-overview": None,  # everything
    "02-gdp-per-capita": FIGURE_INDICATORS["gdp_index_trend"] | {"gdp_per_capita", "gdp_per_capita_pps_eu"},
    "03-unemployment": {"registered_unemployment_rate", "unemployment_gap_pp"},
    "04-firm-formation": {"new_enterprises", "liquidated_enterprises", "new_enterprises_per_1000", "population"},
    "05-application-figures": None,  # every figure and the justification sentences
}
FEEDS = {  # an input indicator -> the derived indicators computed from it
    "gdp_per_capita": {"gdp_per_capita_index"},
    "new_enterprises": {"new_enterprises_per_1000"},
    "population": {"new_enterprises_per_1000"},
    "registered_unemployment_rate": {"unemployment_gap_pp"},
}


class NotebookFailed(Exception):
    def __init__(self, notebook: str, cell: int | None, source: str, ename: str, evalue: str):
        self.notebook, self.cell, self.source, self.ename, self.evalue = notebook, cell, source, ename, evalue
        where = f"notebooks/{notebook}.ipynb" + (f", cell {cell}" if cell is not None else "")
        first = source.strip().splitlines()[0] if source.strip() else ""
        super().__init__(f"{where} (`{first}`) stopped with {ename}:\n{evalue}")


@dataclass
class Rendered:
    """A figure rendered to its files, with what the workbook and the annex need to know of it."""

    chart_id: str
    lang: str
    title: str
    subtitle: str
    footer: str
    alt_text: str
    data: object
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass
class BuildResult:
    noop: bool = False
    first: bool = False  # no earlier build in this folder
    written: list[str] = field(default_factory=list)      # outputs rendered in this build
    reused: list[str] = field(default_factory=list)       # outputs copied from the last build
    not_drawn: list = field(default_factory=list)
    changed_inputs: list[str] = field(default_factory=list)
    warnings: int = 0
    manifest: dict = field(default_factory=dict)
    changes: object = None  # DataFrame from diff.compare, None without an earlier build


# --- hashing ---------------------------------------------------------------------------------------

def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_fingerprint() -> str:
    """SHA-256 over the package's source, the notebooks and the versions of the libraries that shape
    the bytes of the outputs: a change to any of them rebuilds everything."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".mplstyle", ".j2", ".json") and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    for name in NOTEBOOKS:
        nb = notebooks_dir() / f"{name}.ipynb"
        if nb.exists():
            h.update(nb.read_bytes())
    for dist in ("matplotlib", "openpyxl", "babel", "pandas", "nbconvert", "python-docx"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"{dist}=-".encode())
    return h.hexdigest()


def _key(*parts: object) -> str:
    return sha256_bytes(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode())[:32]


def read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def input_hashes(data_dir: Path) -> dict[str, str]:
    from .dataset import discover

    return {display_path(p): sha256_file(p) for p in discover(data_dir)}


def outputs_intact(out: Path, manifest: dict) -> bool:
    try:
        return all(sha256_file(out / o["file"]) == o["sha256"] for o in manifest.get("outputs", []))
    except OSError:
        return False


def project_sha() -> str:
    from .paths import project_root

    path = project_root() / "project.toml"
    return sha256_file(path) if path.exists() else ""


def up_to_date(data_dir: Path, out: Path, parameters: dict) -> tuple[bool, dict, dict[str, str], str]:
    """Whether ``out`` was built from exactly these inputs, code and parameters and is unchanged
    since. Cheap: hashes files, imports nothing heavy."""
    manifest = read_manifest(out)
    inputs = input_hashes(data_dir)
    code = code_fingerprint()
    same = (bool(manifest) and manifest.get("code_sha256") == code
            and manifest.get("project_sha256") == project_sha()
            and manifest.get("parameters") == parameters
            and {i["file"]: i["sha256"] for i in manifest.get("inputs", [])} == inputs
            and outputs_intact(out, manifest))
    return same, manifest, inputs, code


# --- rendering ---------------------------------------------------------------------------------------

_OBS = None  # observations handed to forked render workers


def _render_one(job: tuple[str, str, bool]):
    from . import charts

    chart_id, lang, with_files = job
    try:
        fig = charts.draw(chart_id, _OBS, lang)
    except charts.ChartUnavailable as why:
        return ("unavailable", why.chart_id, why.reason)
    files = {fmt: figure_bytes(fig, fmt) for fmt in FORMATS} if with_files else {}
    return Rendered(chart_id, lang, fig.title, fig.subtitle, fig.footer, fig.alt_text, fig.data, files)


def jobs_default() -> int:
    return max(1, int(os.environ.get("LATGALE_JOBS", min(2, os.cpu_count() or 1))))


def _progress(iterable, total: int, desc: str, quiet: bool):
    if quiet:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="", leave=True, file=sys.stderr, disable=None,
                bar_format="{desc:<22} {bar:30} {n_fmt}/{total_fmt}")


def _render_jobs(langs, files_for, first_lang: str | None = None) -> list[tuple[str, str, bool]]:
    """Figures to render: those with files first, the notebooks' language first, in figure order
    (the order the notebooks show them), so that each notebook can start as early as possible."""
    from . import charts

    todo = [(c, lang, files_for is None or (c, lang) in files_for) for c in charts.FIGURES for lang in langs]
    return sorted(todo, key=lambda job: (not job[2], job[1] != first_lang))


def _pool(jobs: int, n_with_files: int):
    import multiprocessing

    if jobs > 1 and n_with_files > 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork").Pool(jobs)
    return None


def _sorted_results(results, langs):
    from . import charts

    ids = list(charts.FIGURES)
    rendered = sorted((r for r in results if isinstance(r, Rendered)),
                      key=lambda r: (ids.index(r.chart_id), langs.index(r.lang)))
    reasons = {(r[1], r[2]) for r in results if not isinstance(r, Rendered)}
    return rendered, [charts.ChartUnavailable(cid, why) for cid, why in sorted(reasons)]


def render_all(obs, langs=("lv", "en"), jobs: int | None = None, files_for=None, quiet: bool = True,
               on_result=None, first_lang: str | None = None):
    """Every figure in every language, rendered to PNG, SVG and PDF (only those in ``files_for``,
    a set of (chart_id, lang), when given; the others are drawn for their data only), on ``jobs``
    processes (figures are independent; the machine has two cores). ``on_result`` is called with
    each result (a Rendered figure, or a reason it was not drawn) as it arrives.
    Returns (rendered, not drawn)."""
    global _OBS
    _OBS = obs
    todo = _render_jobs(langs, files_for, first_lang)
    results = []
    try:
        pool = _pool(jobs or jobs_default(), sum(j[2] for j in todo))
        stream = pool.imap_unordered(_render_one, todo) if pool else map(_render_one, todo)
        try:
            for result in _progress(stream, len(todo), "figures", quiet):
                results.append(result)
                if on_result is not None:
                    on_result(result)
        finally:
            if pool:
                pool.close()
                pool.join()
    finally:
        _OBS = None
    return _sorted_results(results, langs)


def _parameter_cell_index(nb) -> int:
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    raise ValueError("the notebook has no cell tagged 'parameters'")


def inject_parameters(nb, parameters: dict):
    """Insert a cell after the one tagged ``parameters`` that sets the given values (as papermill
    does, without its timing metadata, so executed notebooks are the same bytes each time)."""
    import nbformat

    lines = ["# Parameters set by latgale-stats build"]
    lines += [f"{k} = {v!r}" for k, v in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines))
    cell.metadata["tags"] = ["injected-parameters"]
    cell.pop("id", None)
    at = _parameter_cell_index(nb) + 1
    nb.cells.insert(at, cell)
    for i, c in enumerate(nb.cells):  # stable cell ids
        c["id"] = f"cell-{i:02d}"
    return nb


async def _execute(name: str, parameters: dict, slots, clients: list | None = None, before=None):
    """Run one notebook headless in a fresh kernel (at most ``slots`` at a time). ``before`` (a
    coroutine function) is awaited after the kernel has started and before the first cell runs: the
    kernel starts while the figures the notebook shows are still being rendered."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    async with slots:
        nb = inject_parameters(nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4), parameters)
        # The kernel listens on localhost only; its start-up notice about unencrypted TCP is not for analysts.
        client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                                extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                resources={"metadata": {"path": str(notebooks_dir())}})
        if clients is not None:
            clients.append(client)
        if before is not None:
            client.km = client.create_kernel_manager()
            try:
                await client.async_start_new_kernel()
                await client.async_start_new_kernel_client()
                await before()
            except BaseException:
                await client._async_cleanup_kernel()
                raise
        try:
            await client.async_execute()
        except CellExecutionError as err:
            for i, cell in enumerate(nb.cells):
                errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                if errors:
                    raise NotebookFailed(name, i + 1, cell.source, errors[0]["ename"],
                                         errors[0]["evalue"]) from None
            raise NotebookFailed(name, None, "", err.ename, err.evalue) from None
        return name, nb


_EXPORT_LOCK = None
_EXPORTER = None


def _export(nb) -> tuple[bytes, bytes]:
    """The executed notebook and its HTML (one at a time: nbconvert is not safe across threads;
    one exporter for all, as setting up its templates costs more than a conversion)."""
    global _EXPORTER
    import nbformat
    from nbconvert import HTMLExporter

    templates = str(Path(__file__).resolve().parent / "templates")
    with _EXPORT_LOCK:
        if _EXPORTER is None:
            _EXPORTER = HTMLExporter(template_name="lab_alt", extra_template_basedirs=[templates])
        html, _ = _EXPORTER.from_notebook_node(nb)
        return nbformat.writes(nb).encode("utf-8"), html.encode("utf-8")


NOTEBOOK_FIGURES = {  # the figures each notebook shows (in its language)
    "01-data-overview": (),
    "02-gdp-per-capita": ("gdp_index_latest", "gdp_index_trend", "gdp_pps_eu"),
    "03-unemployment": ("unemployment_latest", "unemployment_trend"),
    "04-firm-formation": ("firm_formation",),
    "05-application-figures": tuple(FIGURE_INDICATORS),
}


def render_and_execute(obs, langs, files_for, figures_dir: Path, names, parameters: dict, side_jobs=(),
                       quiet: bool = True, after_figures=()):
    """The expensive part of a build, overlapped on the machine's cores: figures render in worker
    processes and are written to ``figures_dir`` as they arrive; each notebook starts as soon as the
    figures it shows are written (unchanged ones are there already, copied from the last build);
    each executed notebook is turned into HTML while the others still run; ``side_jobs``
    (callables) run in a thread meanwhile, ``after_figures`` (callables taking the rendered
    figures of one language: ``(lang, callable)``) as soon as that language's figures are all there.
    Returns (rendered, not drawn, {notebook: (ipynb, html)}, [side job results, after-figures results])."""
    import asyncio
    import threading

    # imported here, in one thread, before the threads below need them
    import nbconvert.exporters.html  # noqa: F401
    from IPython.lib import lexers  # noqa: F401

    from . import charts  # noqa: F401

    global _EXPORT_LOCK
    _EXPORT_LOCK = threading.Lock()
    lang = str(parameters.get("language", langs[0]))

    async def main():
        loop = asyncio.get_running_loop()
        ready = {(c, lg): asyncio.Event() for c in FIGURE_INDICATORS for lg in langs}
        for (c, lg), event in ready.items():
            if files_for is not None and (c, lg) not in files_for:
                event.set()
        per_lang: dict[str, list] = {lg: [] for lg in langs}
        lang_done = {lg: asyncio.Event() for lg in langs}

        def arrived(result) -> None:  # in the render thread
            if isinstance(result, Rendered):
                for fmt, data in result.files.items():
                    atomic_write_bytes(figures_dir / f"{result.chart_id}_{result.lang}.{fmt}", data)
                job = (result.chart_id, result.lang)
                per_lang[result.lang].append(result)
            else:
                job = (result[1], lang)
            if job in ready:
                loop.call_soon_threadsafe(ready[job].set)
            if isinstance(result, Rendered) and len(per_lang[result.lang]) == len(FIGURE_INDICATORS):
                loop.call_soon_threadsafe(lang_done[result.lang].set)

        def render():
            try:
                return render_all(obs, langs, files_for=files_for, quiet=quiet, on_result=arrived, first_lang=lang)
            finally:
                for event in (*ready.values(), *lang_done.values()):
                    loop.call_soon_threadsafe(event.set)

        figures = loop.run_in_executor(None, render)
        side = [loop.run_in_executor(None, job) for job in side_jobs]

        async def then(lg, job):
            await lang_done[lg].wait()
            return await loop.run_in_executor(None, job, list(per_lang[lg]))

        side += [asyncio.ensure_future(then(lg, job)) for lg, job in after_figures]
        slots = asyncio.Semaphore(jobs_default())

        clients: list = []

        async def one(name: str):
            async def figures_shown():
                for chart_id in NOTEBOOK_FIGURES[name]:
                    await ready[(chart_id, lang)].wait()

            _, nb = await _execute(name, parameters, slots, clients, figures_shown)
            return name, await loop.run_in_executor(None, _export, nb)

        tasks = [asyncio.create_task(one(n)) for n in names]
        executed, failures = {}, []
        try:
            for next_done in _progress(asyncio.as_completed(tasks), len(tasks), "notebooks", quiet or not tasks):
                try:  # every notebook runs to its end; the first failure (in notebook order) is reported
                    name, files = await next_done
                    executed[name] = files
                except NotebookFailed as failed:
                    failures.append(failed)
        finally:
            done = await asyncio.gather(figures, *side, return_exceptions=True)
            for client in clients:  # nothing left for nbclient's exit hook to clean up
                atexit.unregister(client._cleanup_kernel)
        if failures:
            raise min(failures, key=lambda f: NOTEBOOKS.index(f.notebook))
        for item in done:
            if isinstance(item, BaseException):
                raise item
        (rendered, not_drawn), *side_results = done
        return rendered, not_drawn, executed, side_results

    return asyncio.run(main())


# --- the build ---------------------------------------------------------------------------------------

def swap_in(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with two renames (the old set is removed only afterwards)."""
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    if old.exists():
        shutil.rmtree(old)


def _expand(indicators: set[str]) -> set[str]:
    out = set(indicators)
    for ind in indicators:
        out |= FEEDS.get(ind, set())
    return out


def _dependencies(ds, inputs: dict[str, str]) -> dict[str, set[str]]:
    """Input file -> the indicators it contributes (observations and statements, expanded)."""
    deps: dict[str, set[str]] = {f: set() for f in inputs}
    for row in ds.rows:
        deps.setdefault(str(row["file"]), set()).add(str(row["indicator"]))
    return {f: _expand(v) for f, v in deps.items()}


def _files_for(indicators: set[str] | None, deps: dict[str, set[str]]) -> list[str]:
    return sorted(f for f, inds in deps.items() if indicators is None or inds & indicators)


def build(data_dir: Path | None = None, out: Path | None = None, parameters: dict | None = None,
          force: bool = False, notebooks: bool = True, langs: tuple[str, ...] = ("lv", "en"),
          quiet: bool = False) -> BuildResult:
    """Build ``out`` (default ``reports/``) from ``data_dir`` (default ``data/raw/``)."""
    from .paths import data_dir as default_data
    from .paths import reports_dir

    data_dir = Path(data_dir) if data_dir else default_data()
    out = Path(out) if out else reports_dir()
    parameters = {**DEFAULT_PARAMETERS, **(parameters or {})}
    same, old, inputs, code = up_to_date(data_dir, out, parameters)
    result = BuildResult(first=not old)
    old_inputs = {i["file"]: i["sha256"] for i in old.get("inputs", [])}
    result.changed_inputs = sorted(f for f in set(inputs) | set(old_inputs) if inputs.get(f) != old_inputs.get(f))
    if same and not force:
        result.noop, result.manifest = True, old
        return result

    from . import read
    from .notebook import until

    ds = read(data_dir)
    obs_all = ds.observations(all_rows=True)  # every row; derived values computed once
    obs = until(obs_all[obs_all["status"] == ""].reset_index(drop=True), parameters.get("latest_period"))
    result.warnings = len(ds.warnings)
    if "observations" in old:
        from .diff import compare

        result.changes = compare(old["observations"], obs)
    deps = _dependencies(ds, inputs)
    old_outputs = {o["file"]: o for o in old.get("outputs", [])} if outputs_intact(out, old) else {}

    def key_for(indicators: set[str] | None, params: dict | None = None) -> tuple[str, list[str]]:
        """The key of an output: code, the parameters it uses, the inputs it depends on."""
        files = _files_for(indicators, deps)
        used = {"latest_period": parameters.get("latest_period")} if params is None else params
        return _key(code, used, [(f, inputs.get(f)) for f in files]), files

    def fresh(files: list[str], key: str) -> bool:
        return not force and all(old_outputs.get(f, {}).get("key") == key for f in files)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}-new-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    outputs: list[dict] = []

    def put(rel: str, data: bytes | None, key: str, depends: list[str]) -> None:
        """Write a new output, or (data is None) copy the last build's unchanged one."""
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
        outputs.append({"file": rel, "sha256": digest, "key": key, "depends_on": depends})

    try:
        # figures: only those whose inputs changed are rendered to files
        figure_keys = {}
        need = set()
        for chart_id, inds in FIGURE_INDICATORS.items():
            for lang in langs:
                key, files = key_for(_expand(inds))
                rels = [f"figures/{chart_id}_{lang}.{fmt}" for fmt in FORMATS]
                figure_keys[(chart_id, lang)] = (key, files, rels)
                if not fresh(rels, key):
                    need.add((chart_id, lang))
        key, files = key_for(None)
        xlsx_fresh = fresh(["indicators.xlsx"], key)
        nb_plan, todo = {}, []
        if notebooks:
            for name in NOTEBOOKS:
                inds = NOTEBOOK_INDICATORS[name]
                nb_key, nb_files = key_for(None if inds is None else _expand(inds), parameters)
                rels = [f"notebooks/{name}.ipynb", f"notebooks/{name}.html"]
                nb_plan[name] = (nb_key, nb_files, rels)
                if not fresh(rels, nb_key):
                    todo.append(name)
        for job, (_k, _f, rels) in figure_keys.items():  # unchanged figures: there for the notebooks to show
            if job not in need:
                for rel in rels:
                    (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(out / rel, tmp / rel)
        given = None if data_dir.resolve() == default_data().resolve() else str(data_dir)
        nb_params = {**parameters, "figures_dir": str(tmp / "figures"), "data_dir": given}
        side = [] if xlsx_fresh else [lambda: indicators_workbook(obs)]
        from . import __version__
        from .annex import build_annex, project_facts

        annex_key = _key(key, project_sha())
        annex_todo = [lg for lg in langs if not fresh([f"annex_{lg}.docx"], annex_key)]
        if annex_todo:
            facts = project_facts()  # read (and checked) before anything runs

        def annex_job(lang):
            return lambda rendered_: build_annex(lang, obs, obs_all, ds.files, rendered_, tmp / "figures",
                                                 __version__, facts)

        rendered, result.not_drawn, executed, side_results = render_and_execute(
            obs, langs, need, tmp / "figures", todo, nb_params, side, quiet,
            [(lg, annex_job(lg)) for lg in annex_todo])
        annexes = dict(zip(annex_todo, side_results[len(side):], strict=True))

        for fig in rendered:
            fkey, ffiles, rels = figure_keys[(fig.chart_id, fig.lang)]
            for rel, fmt in zip(rels, FORMATS, strict=True):
                put(rel, fig.files.get(fmt), fkey, ffiles)
        put("indicators.xlsx", None if xlsx_fresh else side_results[0], key, files)
        fig_key = _key(sorted(v[0] for v in figure_keys.values()))
        put("chart_data.xlsx", None if fresh(["chart_data.xlsx"], fig_key) else chart_data_workbook(rendered),
            fig_key, files)
        for lg in langs:
            put(f"annex_{lg}.docx", annexes.get(lg), annex_key, [*files, "project.toml"])
        for name, (nb_key, nb_files, rels) in nb_plan.items():
            blobs = executed.get(name, (None, None))
            for rel, blob in zip(rels, blobs, strict=True):
                put(rel, _relocate(blob, tmp) if blob is not None else None, nb_key, nb_files)

        result.manifest = _manifest(ds, inputs, code, parameters, outputs, result)
        from .diff import snapshot

        result.manifest["observations"] = snapshot(obs)
        atomic_write_bytes(tmp / MANIFEST, json.dumps(result.manifest, indent=1, ensure_ascii=False).encode())
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_in(tmp, out)
    return result


def _relocate(blob: bytes, tmp: Path) -> bytes:
    """Executed notebooks name the temporary folder they ran against: write the figures' folder
    as seen from ``reports/notebooks/`` (``../figures``), so the bytes depend neither on the
    process nor on where ``reports/`` is."""
    text = blob.decode("utf-8")
    for form in (str(tmp / "figures"), json.dumps(str(tmp / "figures"))[1:-1]):
        text = text.replace(form, "../figures")
    return text.encode("utf-8")


def _manifest(ds, inputs, code, parameters, outputs, result) -> dict:
    from . import __version__

    files = {f.shown: f for f in ds.files}
    return {
        "package": {"name": "latgale-stats", "version": __version__},
        "code_sha256": code,
        "project_sha256": project_sha(),
        "parameters": parameters,
        "inputs": [{"file": name, "sha256": digest, "format": files[name].format if name in files else "",
                    "vintage": files[name].vintage if name in files else None,
                    "rows": files[name].rows if name in files else 0}
                   for name, digest in sorted(inputs.items())],
        "outputs": sorted(outputs, key=lambda o: o["file"]),
        "not_drawn": [{"figure": w.chart_id, "reason": w.reason} for w in result.not_drawn],
        "warnings": result.warnings,
    }
