"""The only place with processes, threads, async and notebook kernels: figures render in worker
processes, notebooks execute in fresh kernels (nbclient) as soon as the figures they show exist,
and each executed notebook is exported to HTML while the others still run."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.declarations import EVERY_FIGURE_ID, FIGURE_IDS, NOTEBOOK_IDS, figure_ids, formats_of, get
from ..core.focus import Focus, scope
from ..core.io import atomic_write_bytes
from ..core.paths import notebooks_dir
from ..core.regions import DEFAULT_VERSUS
from ..outputs.files import figure_bytes
from ..present import charts


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


# --- rendering ---------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}  # what a render worker (or the process itself, without a pool) draws from


def _leave_interrupt_to_parent() -> None:
    """In a forked worker: Ctrl-C is the parent's to handle; a worker stops, quietly, when the parent
    ends its pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init_worker(obs: Any, versus: str, focus: Focus | None = None, forked: bool = False) -> None:
    if forked:
        _leave_interrupt_to_parent()
    _WORKER["obs"], _WORKER["versus"], _WORKER["focus"] = obs, versus, focus


def ids_for(focus: Focus | None) -> tuple[str, ...]:
    """The figures of a focus (None or Latgale: the default set), in their order."""
    return figure_ids(*scope(focus))


def _render_one(job: tuple[str, str, bool]) -> Rendered | tuple[str, str, str]:
    """A figure rendered to its files; or, when its files are unchanged, only described (its texts
    and rows for the annex and chart_data.xlsx: nothing is drawn)."""
    chart_id, lang, with_files = job
    obs, versus, focus = _WORKER["obs"], _WORKER["versus"], _WORKER.get("focus")
    try:
        if not with_files:
            s = charts.summary(chart_id, obs, lang, versus, focus)
            return Rendered(chart_id, lang, s.title, s.subtitle, s.footer, s.alt_text, s.data, {})
        fig = charts.draw(chart_id, obs, lang, versus, focus)
    except charts.ChartUnavailable as why:
        return ("unavailable", why.chart_id, why.reason)
    files = {fmt: figure_bytes(fig, fmt) for fmt in formats_of(chart_id)}
    return Rendered(chart_id, lang, fig.title, fig.subtitle, fig.footer, fig.alt_text, fig.data, files)


def jobs_default() -> int:
    return max(1, int(os.environ.get("LATGALE_JOBS", min(2, os.cpu_count() or 1))))


def _progress(iterable, total: int, desc: str, quiet: bool):
    if quiet:
        return iterable
    from tqdm import tqdm

    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit="",
        leave=True,
        file=sys.stderr,
        disable=None,
        bar_format="{desc:<22} {bar:30} {n_fmt}/{total_fmt}",
    )


def _render_jobs(
    langs, files_for, first_lang: str | None = None, ids: tuple[str, ...] = FIGURE_IDS
) -> list[tuple[str, str, bool]]:
    """Figures to render: those with files first, the notebooks' language first, in figure order
    (the order the notebooks show them), so that each notebook can start as early as possible."""
    todo = [(c, lang, files_for is None or (c, lang) in files_for) for c in ids for lang in langs]
    return sorted(todo, key=lambda job: (not job[2], job[1] != first_lang))


def _forked_pool(processes: int, initializer: Callable[..., None], initargs: tuple = ()) -> Any:
    """A pool of forked worker processes, or None where processes cannot be forked."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(processes, initializer=initializer, initargs=initargs)


def _end_pool(pool: Any, finished: bool) -> None:
    """Let a pool's workers end after their work, or (stopped or failed) end them at once."""
    if pool is None:
        return
    if finished:
        pool.close()
    else:
        pool.terminate()
    pool.join()


def _pool(jobs: int, n_with_files: int, obs: Any, versus: str, focus: Focus | None = None) -> Any:
    if jobs > 1 and n_with_files > 1:  # forked workers inherit the observations: nothing is pickled
        return _forked_pool(jobs, _init_worker, (obs, versus, focus, True))
    return None


def _sorted_results(results, langs):
    ids = list(EVERY_FIGURE_ID)
    rendered = sorted(
        (r for r in results if isinstance(r, Rendered)), key=lambda r: (ids.index(r.chart_id), langs.index(r.lang))
    )
    reasons = {(r[1], r[2]) for r in results if not isinstance(r, Rendered)}
    return rendered, [charts.ChartUnavailable(cid, why) for cid, why in sorted(reasons)]


def render_all(
    obs,
    langs=("lv", "en"),
    jobs: int | None = None,
    files_for=None,
    quiet: bool = True,
    on_result=None,
    first_lang: str | None = None,
    versus: str = DEFAULT_VERSUS,
    stop: threading.Event | None = None,
    focus: Focus | None = None,
):
    """Every figure in every language, rendered to PNG, SVG and PDF (only those in ``files_for``,
    a set of (chart_id, lang), when given; the others are drawn for their data only), on ``jobs``
    processes (figures are independent; the machine has two cores). ``on_result`` is called with
    each result (a Rendered figure, or a reason it was not drawn) as it arrives.
    Returns (rendered, not drawn)."""
    _init_worker(obs, versus, focus)
    todo = _render_jobs(langs, files_for, first_lang, ids_for(focus))
    results = []
    try:
        pool = _pool(jobs or jobs_default(), sum(j[2] for j in todo), obs, versus, focus)
        stream = pool.imap_unordered(_render_one, todo) if pool else map(_render_one, todo)
        finished = False
        try:
            for result in _progress(stream, len(todo), "figures", quiet):
                if stop is not None and stop.is_set():
                    break
                results.append(result)
                if on_result is not None:
                    on_result(result)
            else:
                finished = True
        finally:
            _end_pool(pool, finished)
    finally:
        _WORKER.clear()
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


async def _execute(
    name: str, parameters: dict[str, Any], slots: asyncio.Semaphore, before: Callable[[], Awaitable[None]] | None = None
) -> tuple[str, Any]:
    """Run one notebook headless in a fresh kernel (at most ``slots`` at a time). ``before`` is
    awaited after the kernel has started and before the first cell runs: the kernel starts while
    the figures the notebook shows are still being rendered."""
    import tempfile

    import nbformat  # heavy: notebook machinery is imported only when notebooks run
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    async with slots:
        nb = inject_parameters(nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4), parameters)
        # The kernel listens on localhost only; its start-up notice about unencrypted TCP is not for analysts.
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            record_timing=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": str(notebooks_dir())}},
        )
        with tempfile.TemporaryDirectory(prefix="latgale-kernel-") as sockets:
            # Unix sockets instead of TCP ports: two kernels started at once cannot pick the same port
            client.km = client.create_kernel_manager()
            client.km.transport = "ipc"
            client.km.ip = str(Path(sockets) / "kernel")
            log = Path(sockets) / "kernel.log"
            try:
                # the kernel's own log goes to a file: a kernel shut down by Ctrl-C complains there, not
                # on the analyst's screen; it is shown when the kernel itself fails
                with open(log, "wb") as kernel_err:
                    try:
                        async with client.async_setup_kernel(stderr=kernel_err):
                            if before is not None:
                                await before()
                            await client.async_execute(cleanup_kc=False)
                    finally:
                        await _shut_down(client)
            except CellExecutionError as err:
                # cells numbered as the analyst sees them in JupyterLab (the injected cell is not there)
                shown = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
                for i, cell in enumerate(shown):
                    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                    if errors:
                        raise NotebookFailed(
                            name, i + 1, cell.source, errors[0]["ename"], errors[0]["evalue"]
                        ) from None
                raise NotebookFailed(name, None, "", err.ename, err.evalue) from None
            except Exception:
                task = asyncio.current_task()
                if task is None or not task.cancelling():  # not a kernel shut down by Ctrl-C
                    sys.stderr.write(log.read_text(encoding="utf-8", errors="replace")[-2000:])
                raise
        return name, nb


async def _shut_down(client: Any) -> None:
    """End a notebook's kernel and its channels, whatever point its run reached. nbclient does this
    itself when a run ends, but not when Ctrl-C cancels the run while the kernel is starting: its
    kernel then stayed alive and nbclient's exit hook, left registered, shut it down as the process
    ended, where it could hang on the kernel's sockets or print a traceback after the one-line
    message. The hook is removed and the kernel shut down here, inside the build."""
    import atexit

    from jupyter_core.utils import ensure_async

    atexit.unregister(client._cleanup_kernel)  # nbclient's own hook; removing one never registered is a no-op
    kc, km = client.kc, client.km
    client.kc = client.km = None
    if kc is not None:
        heartbeat = kc.hb_channel
        for _ in range(200):  # a heartbeat thread stopped before it made its socket makes it after, and fails
            if heartbeat.socket is not None or not heartbeat.is_alive():
                break
            await asyncio.sleep(0.01)
        kc.stop_channels()
    if km is not None:
        if km.has_kernel:
            await ensure_async(km.shutdown_kernel(now=True))
        await ensure_async(km.cleanup_resources())


class Exporter:
    """Executed notebooks to .ipynb and HTML bytes, one at a time (nbconvert is not safe across
    threads); one HTML exporter for all, as setting up its templates costs more than a conversion."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._html: Any = None

    def __call__(self, nb: Any) -> tuple[bytes, bytes]:
        import nbformat  # heavy: imported when notebooks run
        from nbconvert import HTMLExporter

        with self._lock:
            if self._html is None:
                templates = str(Path(__file__).resolve().parent / "templates")
                self._html = HTMLExporter(template_name="lab_alt", extra_template_basedirs=[templates])
            html, _ = self._html.from_notebook_node(nb)
            return nbformat.writes(nb).encode("utf-8"), html.encode("utf-8")


# jsonschema (under nbformat) imports this optional package when it is installed (JupyterLab's
# jupyter-events asks for it) only to check the "iri" string format, which no notebook schema uses;
# its import builds a grammar, 1.9-2.7 s of this machine's time before any kernel or figure started.
_UNUSED_SLOW_IMPORTS = ("rfc3987_syntax",)


def _import_notebook_machinery() -> None:
    """Import nbclient, nbformat and nbconvert's HTML exporter, leaving out what they import and the
    build never uses (a module set to None in ``sys.modules`` is reported missing, and jsonschema
    goes on without it). The build process only: JupyterLab and the kernels are other processes."""
    for name in _UNUSED_SLOW_IMPORTS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    import nbclient  # noqa: F401
    import nbconvert.exporters.html  # noqa: F401
    from IPython.lib import lexers  # noqa: F401


def notebook_figures(name: str) -> tuple[str, ...]:
    """The figures a notebook shows (in its language), from its declaration."""
    return tuple(f for f in get(name).shows if f in EVERY_FIGURE_ID)


def _side_process(jobs: int) -> Any:
    """A forked process for the side jobs (the indicators workbook). They hold the GIL for seconds,
    which in the build's own process slowed every thread there: those that talk to the kernels,
    export HTML and write the annexes. Forked before the build's threads start. None (the jobs run
    in a thread) where processes cannot be forked."""
    return _forked_pool(1, _leave_interrupt_to_parent) if jobs else None


def _side_result(pool: Any, job: tuple[Callable[[Any], Any], Any], stop: threading.Event) -> Any:
    """``function(argument)``, in the side process when there is one; given up when the build stops."""
    function, argument = job
    if pool is None:
        return function(argument)
    pending = pool.apply_async(function, (argument,))
    while not pending.ready():
        if stop.is_set():
            raise RuntimeError("the build was stopped")  # the side process is ended with the build
        pending.wait(0.1)
    return pending.get()


def render_and_execute(
    obs,
    langs,
    files_for,
    figures_dir: Path,
    names,
    parameters: dict,
    side_jobs=(),
    quiet: bool = True,
    after_figures=(),
    versus: str = DEFAULT_VERSUS,
    focus: Focus | None = None,
):
    """The expensive part of a build, overlapped on the machine's cores: figures render in worker
    processes and are written to ``figures_dir`` as they arrive; each notebook starts as soon as the
    figures it shows are written (unchanged ones are there already, copied from the last build);
    each executed notebook is turned into HTML while the others still run; ``side_jobs``
    ((function, argument) pairs) run in a process of their own meanwhile, ``after_figures``
    (callables taking the rendered figures of one language: ``(lang, callable)``) as soon as that
    language's figures are all there.
    Returns (rendered, not drawn, {notebook: (ipynb, html)}, [side job results, after-figures results])."""
    if names:  # heavy, and imported here in one thread, before the threads below need them
        _import_notebook_machinery()
    export = Exporter()
    stop = threading.Event()  # set when the build is stopped: the render workers end at once
    lang = str(parameters.get("language", langs[0]))

    async def main():
        loop = asyncio.get_running_loop()
        ids = ids_for(focus)
        ready = {(c, lg): asyncio.Event() for c in ids for lg in langs}
        for (c, lg), event in ready.items():
            if files_for is not None and (c, lg) not in files_for:
                event.set()
        per_lang: dict[str, list] = {lg: [] for lg in langs}
        lang_done = {lg: asyncio.Event() for lg in langs}

        def arrived(result) -> None:  # in the render thread
            if stop.is_set():  # the build is being stopped: its temporary folder is about to be removed
                return
            if isinstance(result, Rendered):
                for fmt, data in result.files.items():
                    atomic_write_bytes(figures_dir / f"{result.chart_id}_{result.lang}.{fmt}", data)
                job = (result.chart_id, result.lang)
                per_lang[result.lang].append(result)
            else:
                job = (result[1], lang)
            if job in ready:
                loop.call_soon_threadsafe(ready[job].set)
            if isinstance(result, Rendered) and len(per_lang[result.lang]) == len(ids):
                loop.call_soon_threadsafe(lang_done[result.lang].set)

        def render():
            try:
                return render_all(
                    obs,
                    langs,
                    files_for=files_for,
                    quiet=quiet,
                    on_result=arrived,
                    first_lang=lang,
                    versus=versus,
                    stop=stop,
                    focus=focus,
                )
            finally:
                for event in (*ready.values(), *lang_done.values()):
                    loop.call_soon_threadsafe(event.set)

        figures = loop.run_in_executor(None, render)
        side = [loop.run_in_executor(None, _side_result, side_pool, job, stop) for job in side_jobs]

        async def then(lg, job):
            await lang_done[lg].wait()
            return await loop.run_in_executor(None, job, list(per_lang[lg]))

        side += [asyncio.ensure_future(then(lg, job)) for lg, job in after_figures]
        slots = asyncio.Semaphore(jobs_default())

        async def one(name: str):
            async def figures_shown():
                for chart_id in notebook_figures(name):
                    if (chart_id, lang) in ready:
                        await ready[(chart_id, lang)].wait()

            _, nb = await _execute(name, parameters, slots, figures_shown)
            return name, await loop.run_in_executor(None, export, nb)

        tasks = [asyncio.create_task(one(n)) for n in names]
        executed, failures = {}, []
        try:
            for next_done in _progress(asyncio.as_completed(tasks), len(tasks), "notebooks", quiet or not tasks):
                try:  # every notebook runs to its end; the first failure (in notebook order) is reported
                    name, files = await next_done
                    executed[name] = files
                except NotebookFailed as failed:
                    failures.append(failed)
        except BaseException:
            stop.set()  # Ctrl-C or a failure: end the render workers instead of finishing every figure
            for task in tasks:  # and each notebook's kernel is shut down before the build returns
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        finally:
            done = await asyncio.gather(figures, *side, return_exceptions=True)
        if failures:
            raise min(failures, key=lambda f: NOTEBOOK_IDS.index(f.notebook))
        for item in done:
            if isinstance(item, BaseException):
                raise item
        (rendered, not_drawn), *side_results = done  # type: ignore[misc]  # exceptions were raised above
        return rendered, not_drawn, executed, side_results

    side_pool = _side_process(len(side_jobs))
    finished = False
    try:
        result = _interruptible(main, stop)
        finished = True
    finally:
        _end_pool(side_pool, finished)
    return result


def _stopping(loop: asyncio.AbstractEventLoop, task: asyncio.Task) -> None:
    """Stop the build's work (in its loop). What the stopped work's own helpers report from here on
    is not shown: nbclient leaves a kernel watcher running when its cell is cancelled, and it fails
    once its kernel is shut down; the analyst is told, in one line, that the build stopped."""
    loop.set_exception_handler(lambda loop, context: None)
    task.cancel()


def _interruptible(main: Callable[[], Awaitable[Any]], stop: threading.Event) -> Any:
    """Run ``main`` in an event loop of its own thread, so that Ctrl-C reaches this (main) thread as
    KeyboardInterrupt: nbclient would otherwise take SIGINT over to shut down one kernel and leave the
    build to fail on a dead kernel. On Ctrl-C the loop's work is cancelled (kernels shut down, render
    workers ended), then the interrupt goes on to the command line, which says the build stopped."""
    box: dict[str, Any] = {}
    started, ended = threading.Event(), threading.Event()

    async def hosted():
        box["loop"], box["task"] = asyncio.get_running_loop(), asyncio.current_task()
        started.set()
        return await main()

    def target():
        try:
            box["value"] = asyncio.run(hosted())
        except BaseException as err:  # handed to the main thread below
            box["error"] = err
        finally:
            started.set()
            ended.set()

    # The loop's end is waited for on an Event, not by joining its thread: in Python 3.11 a join
    # interrupted by Ctrl-C can mark a running thread as ended, so that the next join returns at
    # once and the process exits while kernels are still being shut down (it then hung at exit).
    threading.Thread(target=target, name="latgale-build-loop", daemon=True).start()
    try:
        while not ended.wait(0.2):
            pass
    except KeyboardInterrupt:
        stop.set()
        started.wait()
        if "loop" in box:
            box["loop"].call_soon_threadsafe(_stopping, box["loop"], box["task"])
        while not ended.wait(0.2):  # a second Ctrl-C leaves at once; the kernels end with this process
            pass
        raise
    if "error" in box:
        raise box["error"]
    return box["value"]
