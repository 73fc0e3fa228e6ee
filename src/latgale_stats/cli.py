"""``latgale-stats``: check the data, build the reports.

Exit codes: 0 fine, 1 errors in the data (listed, nothing written), 2 wrong usage, 3 internal error.
No Python traceback is shown unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from . import load, read
from .build.state import DEFAULT_PARAMETERS, read_manifest, resolve_parameters, up_to_date
from .core.io import atomic_write_bytes
from .core.origins import ORIGINS_FILE, README_FILE, OriginError, check_origins, read_origins, readme_text
from .core.paths import command, data_dir, display_path, reports_dir
from .core.problems import DataError
from .pipeline.select import until

HELP = """\
Regional indicators for Latgale with their sources, for EU funding applications.

  latgale-stats check     read and validate data/raw/, print coverage, warnings and errors
  latgale-stats build     validate, then write reports/ (what `make build` runs)
  latgale-stats diff      what changed in the data since the last build (new, revised, removed)
  latgale-stats text      the justification paragraph, e.g. --lang lv --max-chars 1000
  latgale-stats template  write the data-entry workbook for figures from reports (NVA, Lursoft)
  latgale-stats origins   compare data/raw/ with its origin record (origins.toml); --write-readme
  latgale-stats update    download the newest releases (Eurostat, CSP, NVA, Register of Enterprises) into data/raw/

Every command reads the folder given with --data (default: the project's data/raw/).
"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder with the raw data files (default: data/raw/ of the project)",
    )
    common.add_argument("--debug", action="store_true", help="show the Python traceback of internal errors")
    parser = argparse.ArgumentParser(
        prog="latgale-stats", description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common]
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check", parents=[common], help="validate the data: what is new, how current it is, the warnings counted"
    )
    check.add_argument(
        "--verbose", action="store_true", help="also every file, the coverage, every warning with its row"
    )
    check.add_argument(
        "--reports", type=Path, default=None, metavar="DIR", help="the build to compare with (default: reports/)"
    )
    build = sub.add_parser("build", parents=[common], help="validate the data and write reports/")
    build.add_argument(
        "--reports", type=Path, default=None, metavar="DIR", help="output folder (default: reports/ of the project)"
    )
    build.add_argument("--force", action="store_true", help="render everything, even what has not changed")
    build.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="notebook parameter, e.g. -p language=en -p latest_period=2024-12",
    )
    build.add_argument("--no-notebooks", action="store_true", help="skip executing the notebooks")
    build.add_argument("--quiet", action="store_true", help="no progress bars")
    diff = sub.add_parser("diff", parents=[common], help="what changed in the data since the last build")
    diff.add_argument(
        "--reports",
        type=Path,
        default=None,
        metavar="DIR",
        help="the build to compare with (default: reports/ of the project)",
    )
    template = sub.add_parser("template", parents=[common], help="write the data-entry workbook (xlsx)")
    template.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write it (default: reports/latgale-stats-entry.xlsx)",
    )
    template.add_argument("--force", action="store_true", help="replace an existing file")
    origins = sub.add_parser("origins", parents=[common], help="check data/raw/ against data/raw/origins.toml")
    origins.add_argument(
        "--write-readme",
        action="store_true",
        help="write data/raw/README.md from origins.toml (the README is generated, never edited)",
    )
    update = sub.add_parser(
        "update", parents=[common], help="download the newest releases from the publishers into data/raw/"
    )
    update.add_argument(
        "--only",
        nargs="+",
        action="extend",
        choices=("eurostat", "csp", "nva", "register"),
        metavar="SOURCE",
        help="only these sources: eurostat, csp, nva (NVA's tables in the CSP's database), register (default: all)",
    )
    update.add_argument(
        "--describe",
        metavar="TABLE",
        help="print a CSP table's variables and values and stop (csp:NVA011m, or a saved metadata .json file): "
        "what src/latgale_stats/core/catalogue.toml needs to read a new or changed table",
    )
    update.add_argument("--dry-run", action="store_true", help="say what would be downloaded; write nothing")
    update.add_argument("--build", action="store_true", help="then rebuild reports/ (as `make build`)")
    update.add_argument("--quiet", action="store_true", help="no progress bars")
    text = sub.add_parser("text", parents=[common], help="print the justification paragraph for the application")
    text.add_argument("--lang", choices=("lv", "en"), default="lv", help="language (default lv)")
    text.add_argument(
        "--max-chars",
        type=int,
        default=None,
        metavar="N",
        help="character limit of the form field; whole sentences are left out to fit",
    )
    text.add_argument(
        "--format",
        choices=("plain", "markdown"),
        default="plain",
        help="plain: the paragraph alone, to paste into a form (default); markdown: escaped, with a source list",
    )
    text.add_argument(
        "--sentences",
        metavar="IDS",
        default=None,
        help="only these sentences, comma-separated (unemployment, unemployment_rank, gdp_index, firm_births, "
        "firm_register, gdp_pps, population, firm_latest, firm_statement, gdp_revision)",
    )
    text.add_argument("--skip", metavar="IDS", default=None, help="leave these sentences out, comma-separated")
    text.add_argument(
        "--cite",
        choices=("brackets", "numbered"),
        default="brackets",
        help="brackets: each source after its sentence (default); numbered: [1] in the text and the numbered "
        "source list after the paragraph, so the characters go to the argument",
    )
    text.add_argument(
        "--compare",
        metavar="REGION",
        default=None,
        help="the planning region Latgale is compared with (default: as the build, Rīgas reģions), e.g. "
        "--compare 'Zemgales reģions'",
    )
    return parser


def cmd_check(args) -> int:
    from .outputs.report import check_summary, check_text  # imports pandas

    ds = read(args.data)
    obs = ds.observations()
    # wrapped to the terminal's width (COLUMNS where set); not wrapped when written to a file or a pipe
    width = shutil.get_terminal_size(fallback=(0, 0)).columns or None
    if args.verbose:
        print(check_text(ds, obs, width))
        print()
    manifest = read_manifest(args.reports or reports_dir())
    changes = None
    if "observations" in manifest:
        from .outputs.diff import compare

        latest = manifest.get("parameters", DEFAULT_PARAMETERS).get("latest_period")
        changes = compare(manifest["observations"], until(obs, latest))
    print(check_summary(ds, obs, width, changes))
    return 0


def _parameters(pairs: list[str]) -> dict:
    """``-p language=en -p comparison_regions='["Vidzemes reģions"]'``: JSON values, else text."""
    import json

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise SystemExit(f"latgale-stats: a parameter is written NAME=VALUE, not {pair!r}")
        try:
            out[key.strip()] = json.loads(value)
        except ValueError:
            out[key.strip()] = value
    return out


def cmd_build(args) -> int:
    out = args.reports or reports_dir()
    if _inside_raw(out, args.data):
        print(
            f"{display_path(out)} is inside the data folder: write the reports elsewhere (--reports).", file=sys.stderr
        )
        return 2
    parameters, notes = resolve_parameters(_parameters(args.param))
    for note in notes:
        print(f"Note: {note}.")
    _warn_on_old_facts()
    if not args.force and up_to_date(args.data or data_dir(), out, parameters)[0]:
        print(f"Nothing to do: {display_path(out)}/ is up to date (same inputs, code and parameters).")
        return 0
    # matplotlib, nbclient and the rest: imported only when there is something to build
    from .build.make import BuildBusy, SwapFailed, build
    from .build.run import NotebookFailed

    try:
        result = build(args.data, out, parameters, force=args.force, notebooks=not args.no_notebooks, quiet=args.quiet)
    except BuildBusy as busy:
        print(
            f"Another build is writing {display_path(out)}/ now (process {busy}): wait until it has finished, "
            "then run the build again.",
            file=sys.stderr,
        )
        return 1
    except SwapFailed as failed:
        print(f"The build could not finish: {failed}.", file=sys.stderr)
        return 1
    except NotebookFailed as failed:
        print(f"The build stopped in a notebook: {failed}", file=sys.stderr)
        print(f"{display_path(out)}/ was left as it was.", file=sys.stderr)
        return 1 if failed.ename == "DataError" else 4
    shown = display_path(out)
    for line in result.tidied:
        print(f"Tidied up: {line}.")
    if result.noop:
        print(f"Nothing to do: {shown}/ is up to date (same inputs, code and parameters).")
        return 0
    outputs = result.manifest["outputs"]
    annexes = sorted(o["file"] for o in outputs if o["file"].endswith(".docx"))
    if annexes:
        print(f"The Word annexes for the application: {', '.join(f'{shown}/{a}' for a in annexes)}.")
    if result.first:
        print("First build into this folder.")
    elif result.changed_inputs:
        print("Changed inputs since the last build: " + ", ".join(result.changed_inputs))
    if result.changes is not None:
        from .outputs.diff import describe, summary  # imports pandas

        print(f"What changed: {summary(result.changes)}.")
        for line in describe(result.changes, limit=15, changed=result.changed_outputs):
            print(f"  {line}")
    figures = sorted({o["file"].split("/")[1].split(".")[0] for o in outputs if o["file"].startswith("figures/")})
    print(
        f"Wrote {shown}/: {len(result.written)} files rendered, {len(result.reused)} unchanged files kept "
        f"({len(figures)} figures as PNG/SVG/PDF, "
        f"{sum(o['file'].endswith('.ipynb') for o in outputs)} executed notebooks with HTML, "
        "indicators.xlsx, chart_data.xlsx, manifest.json)."
    )
    for why in result.not_drawn:
        print(f"Not drawn: {why.chart_id}: {why.reason}")
    if result.warnings:
        print(f"{result.warnings} warnings about the data: run `{command('check')}` to read them.")
    for line in result.partial:
        print(f"Note: {line}.")
    for f in result.due:
        print(f"A newer release is likely: {f.publisher} {f.dataset}: {f.why}; {f.action}.")
    return 0


def _warn_on_old_facts() -> None:
    """A period or call year left over from an earlier application, said before every build (the build
    itself reports a project.toml it cannot read)."""
    from .outputs.annex import build_date, fact_warnings, project_facts

    try:
        facts = project_facts()
    except DataError:
        return
    for line in fact_warnings(facts, build_date()):
        print(f"Note: {line}.")


def cmd_text(args) -> int:
    """The paragraph alone on stdout (so `> field.txt` or a pipe gets only the text); what was left out on stderr."""
    from .build.make import comparison_key
    from .present.text import justification  # imports pandas

    regions = args.compare if args.compare is not None else resolve_parameters({})[0]["comparison_regions"]
    try:
        versus = comparison_key(regions, "--compare 'Vidzemes reģions'")
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 2
    from .present.text import UnknownSentence

    def ids(value: str | None) -> list[str] | None:
        return None if value is None else [i.strip() for i in value.split(",") if i.strip()]

    try:
        para = justification(
            load(args.data), args.lang, args.max_chars, versus, ids(args.sentences), ids(args.skip), args.cite
        )
    except UnknownSentence as err:
        print(f"latgale-stats text: {err}.", file=sys.stderr)
        return 2
    if args.max_chars is not None and args.max_chars < para.minimum:
        print(
            f"latgale-stats text: --max-chars {args.max_chars} is shorter than the shortest paragraph there can be "
            f"({para.minimum} characters: the most important sentence alone; sentences are never cut). "
            f"Give --max-chars {para.minimum} or more.",
            file=sys.stderr,
        )
        return 2
    if args.format == "markdown":
        from .outputs.annex import paragraph_markdown

        print(paragraph_markdown(para))
    else:
        print(para.text)
        if para.sources:
            print("\n" + ("Avoti:" if args.lang == "lv" else "Sources:"))
            print("\n".join(para.sources))
    limit = f" of at most {args.max_chars}" if args.max_chars else ""
    print(
        f"[{para.length} characters{limit}; {len(para.sentences)} sentences"
        + (f"; left out to fit: {', '.join(s.id for s in para.left_out)}" if para.left_out else "")
        + "]",
        file=sys.stderr,
    )
    return 0


def cmd_template(args) -> int:
    from .outputs.template import template_bytes  # imports openpyxl

    out = args.out or reports_dir() / "latgale-stats-entry.xlsx"
    if _inside_raw(out, args.data) and out.exists():
        print(
            f"{display_path(out)} is a file in the data folder: latgale-stats never overwrites data. Choose "
            "another --out (the workbook goes into data/raw/ once you have filled it in).",
            file=sys.stderr,
        )
        return 2
    if out.exists() and not args.force:
        print(
            f"{display_path(out)} exists already: choose another --out, or add --force to replace it.", file=sys.stderr
        )
        return 2
    atomic_write_bytes(out, template_bytes())
    print(
        f"Wrote {display_path(out.resolve())}: a sheet per indicator. Type one figure a row with its source "
        "address, save the file into data/raw/, then run `make build`."
    )
    return 0


def _inside_raw(path: Path, data: Path | None) -> bool:
    """Whether ``path`` lies in the data folder (which nothing but `update` may write to)."""
    try:
        path.resolve().relative_to((data or data_dir()).resolve())
    except ValueError:
        return False
    return True


def cmd_diff(args) -> int:
    from .outputs.diff import compare, describe, summary  # imports pandas

    out = args.reports or reports_dir()
    manifest = read_manifest(out)
    if "observations" not in manifest:
        print(f"No earlier build in {display_path(out)}/ to compare with: run `{command('build')}` first.")
        return 0
    latest = manifest.get("parameters", DEFAULT_PARAMETERS).get("latest_period")
    changes = compare(manifest["observations"], until(read(args.data).observations(), latest))
    print(f"Compared with the build in {display_path(out)}/: {summary(changes)}.")
    for line in describe(changes):
        print(f"  {line}")
    return 0


def cmd_origins(args) -> int:
    folder = args.data or data_dir()
    try:
        origins = read_origins(folder)
    except OriginError as err:
        print(f"latgale-stats: {err}", file=sys.stderr)
        return 1
    problems = check_origins(folder, origins)
    for message in problems:
        print(f"- {message}")
    if args.write_readme:
        readme = folder / README_FILE
        atomic_write_bytes(readme, readme_text(origins).encode("utf-8"))
        print(f"Wrote {display_path(readme)} from {ORIGINS_FILE} ({len(origins)} files).")
    elif not problems:
        print(f"Every file in {display_path(folder)}/ is recorded in {ORIGINS_FILE} with its SHA-256.")
    return 1 if problems else 0


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is: the work in progress is undone on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM (kill, a closing session) and SIGHUP (a closed terminal) stop the command as Ctrl-C does,
    so that its temporary files are removed; the previous handlers are put back afterwards."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    try:
        previous = {sig: signal.signal(sig, stop) for sig in wanted}
    except ValueError:  # not the main thread (an embedding program): its own handlers stay
        previous = {}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def cmd_update(args) -> int:
    from .fetch import Net, update

    folder = args.data or data_dir()
    if not folder.is_dir():
        print(f"{display_path(folder)} does not exist: create it or give the data folder with --data.", file=sys.stderr)
        return 1
    net = Net.from_env()
    if args.quiet:
        net.progress = False
    if args.describe:
        from .fetch import FetchError, describe

        try:
            print(describe(args.describe, net))
        except FetchError as err:
            action = f" What to do: {err.action}" if err.action else ""
            print(f"{args.describe}: failed [{err.code}]: {err}.{action}", file=sys.stderr)
            return 1
        return 0
    only = list(dict.fromkeys(args.only)) if args.only else None
    from .fetch import FetchError

    try:
        with _stopped_by_signals():
            outcomes = update(folder, only, args.dry_run, net, report=lambda o: print(o.line(), flush=True))
    except KeyboardInterrupt as stop:
        import signal

        signum = stop.signum if isinstance(stop, Stopped) else signal.SIGINT
        how = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        print(
            f"Stopped ({how}): the download in progress was removed from {display_path(folder)}/; "
            "releases reported as new above were kept.",
            file=sys.stderr,
        )
        return 128 + signum
    except FetchError as err:  # another update holds the folder, or the origin record is invalid
        action = f" What to do: {err.action}" if err.action else ""
        print(f"update: [{err.code}] {err}. data/raw/ was not changed.{action}", file=sys.stderr)
        return 1
    failed = any(o.failed for o in outcomes)
    new = [name for o in outcomes for name in o.files]
    if args.dry_run:
        print("Dry run: nothing was downloaded or written.")
        return 1 if failed else 0
    if new:
        print(
            f"Added to {display_path(folder)}/: {', '.join(new)} (each with its origin record NAME.origin.toml). "
            f"Regenerate data/raw/README.md with `{command('origins', '--write-readme')}` and commit data/raw/."
        )
    else:
        print(f"Nothing new: {display_path(folder)}/ was not changed.")
    print(f"\nChecking the data ({command('check')}):")
    try:
        ds = read(args.data)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        print("Correct the problems above before building (the new files were kept).", file=sys.stderr)
        return 1
    errors = 0
    print(
        f"The data reads without errors ({len(ds.files)} files, {len(ds.warnings)} warnings: see `{command('check')}`)."
    )
    reports = reports_dir()
    if new and "observations" in read_manifest(reports):
        errors = cmd_diff(argparse.Namespace(data=args.data, reports=None))
    if args.build and not failed:
        build_args = argparse.Namespace(
            data=args.data, reports=None, force=False, param=[], no_notebooks=False, quiet=args.quiet
        )
        errors = errors or cmd_build(build_args)
    return 1 if failed else errors


COMMANDS = {
    "check": cmd_check,
    "diff": cmd_diff,
    "build": cmd_build,
    "text": cmd_text,
    "template": cmd_template,
    "origins": cmd_origins,
    "update": cmd_update,
}


def _drop_stdout() -> None:
    """Send what is left of standard output nowhere, so that Python's final flush has no pipe to fail on."""
    import contextlib
    import io

    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.debug:
        os.environ["LATGALE_DEBUG"] = "1"  # readers re-raise instead of reporting a damaged file
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt as stop:
        import signal

        signum = stop.signum if isinstance(stop, Stopped) else signal.SIGINT
        how = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        print(f"Stopped ({how}): reports/ was left as it was, data/raw/ was not changed.", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:  # the output's reader stopped reading (`latgale-stats update | head`): end quietly
        _drop_stdout()
        return 141  # as a shell reports a command ended by a closed pipe (128 + SIGPIPE)
    except Exception as exc:
        if isinstance(exc, DataError):
            print(exc.report(), file=sys.stderr)
            print("Correct the rows above (data/raw/ was not changed; reports/ was left as it was).", file=sys.stderr)
            return 1
        if args.debug:
            raise
        print(
            f"latgale-stats: internal error ({type(exc).__name__}: {exc}).\n"
            "This is a fault in latgale-stats, not in your data. Rerun with --debug and report the output.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
