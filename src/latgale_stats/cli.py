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
from .build.state import DEFAULT_PARAMETERS, kept_notes, read_manifest, resolve_parameters, up_to_date
from .core.focus import focus_of
from .core.io import atomic_write_bytes, sha256_file
from .core.origins import (
    DATE_SOURCES,
    ORIGINS_FILE,
    README_FILE,
    OriginError,
    check_origins,
    new_origin,
    read_origins,
    readme_text,
    with_origin,
)
from .core.paths import command, data_dir, display_path, project_root, reports_dir
from .core.problems import DataError
from .pipeline.select import until

HELP = """\
Regional indicators for Latgale with their sources, for EU funding applications.

  latgale-stats check     read and validate data/raw/, print coverage, warnings and errors
  latgale-stats build     validate, then write reports/ (what `make build` runs)
  latgale-stats diff      what changed in the data since the last build (new, revised, removed)
  latgale-stats text      the justification paragraph, e.g. --lang lv --max-chars 1000
  latgale-stats template  write the data-entry workbook for figures from reports (NVA, Lursoft) into data/raw/
  latgale-stats origins   compare data/raw/ with its origin record (origins.toml); --write-readme
  latgale-stats origins add FILE --publisher NVA --url …   record a new file of data/raw/ in origins.toml
  latgale-stats update    download the newest releases (Eurostat, CSP, NVA, Register of Enterprises) into data/raw/

Every command reads the folder given with --data (default: the project's data/raw/).
"""
ENTRY_FILE = "entry_to_fill.xlsx"  # where `template` writes the entry workbook in the data folder


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
        "--focus",
        default=None,
        metavar="TERRITORY",
        help="the territory the outputs speak of: a planning region, a state city or a novads, by name or code "
        "(default: [focus] of project.toml, else Latgale), e.g. --focus Daugavpils",
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
    build.add_argument(
        "--focus",
        default=None,
        metavar="TERRITORY",
        help="the territory the outputs speak of: a planning region, a state city or a novads, by name or code "
        "(default: [focus] of project.toml, else Latgale), e.g. --focus Daugavpils",
    )
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
        help=f"where to write it (default: data/raw/{ENTRY_FILE}, where it is filled in and read)",
    )
    template.add_argument("--force", action="store_true", help="replace an existing file")
    origins = sub.add_parser(
        "origins",
        parents=[common],
        help="check data/raw/ against data/raw/origins.toml; `origins add FILE` records a new file",
    )
    origins.add_argument(
        "--write-readme",
        action="store_true",
        help="write data/raw/README.md from origins.toml (the README is generated, never edited)",
    )
    origins_sub = origins.add_subparsers(dest="origins_command", metavar="add")
    add = origins_sub.add_parser(
        "add",
        parents=[common],
        help="record a new file of data/raw/ in origins.toml (with its SHA-256) and regenerate data/raw/README.md",
    )
    add.add_argument("file", type=Path, metavar="FILE", help="the file, already in data/raw/")
    add.add_argument("--publisher", required=True, help="who produced the numbers (NVA, CSB, Eurostat, Lursoft …)")
    add.add_argument("--url", required=True, help="the dataset's or the report's page at the publisher")
    add.add_argument(
        "--title",
        help="one line: what the file holds (default for an entry workbook, a curated CSV "
        "or a dataset of the catalogue)",
    )
    add.add_argument("--licence", help="terms of reuse (default as for --title)")
    add.add_argument(
        "--dataset", help="the publisher's dataset or table code (default: from the catalogue or the name)"
    )
    add.add_argument("--release-date", metavar="YYYY-MM-DD", help="the publisher's release date, where known")
    add.add_argument(
        "--release-date-from",
        choices=DATE_SOURCES,
        help="content: the file itself holds the release date; metadata: only this record does; copy: the date is "
        "only the day the copy was made (cited as downloaded)",
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
        "--focus",
        default=None,
        metavar="TERRITORY",
        help="the territory the outputs speak of: a planning region, a state city or a novads, by name or code "
        "(default: [focus] of project.toml, else Latgale), e.g. --focus Daugavpils",
    )
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
    focus = focus_of(args.focus)
    if not focus.is_default:
        from .outputs.report import focus_lines

        for line in focus_lines(obs, focus):
            print(line)
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
    given = _parameters(args.param)
    if args.focus is not None:
        given["focus"] = args.focus
    parameters, notes = resolve_parameters(given)
    for note in notes:
        print(f"Note: {note}.")
    _warn_on_old_facts()
    same, manifest, _, _ = up_to_date(args.data or data_dir(), out, parameters)
    leftovers = any(out.parent.glob(f".{out.name}-*-*"))  # a stopped build's folder: build() below tidies it
    if same and not args.force and not leftovers:
        print(f"Nothing to do: {display_path(out)}/ is up to date (same inputs, code and parameters).")
        for line in kept_notes(out, manifest):
            print(f"Note: {line}.")
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
        for line in result.kept:
            print(f"Note: {line}.")
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
    if result.focus is not None and not result.focus.is_default:
        from .present.focus import name

        others = ", ".join(name(c, "en") for c in result.focus.compare_with)
        print(f"Focus: {name(result.focus.territory, 'en')}, compared with {others} (Latgale's own set: no --focus).")
    for why in result.not_drawn:
        print(f"Not drawn: {why.chart_id}: {why.reason}")
    for line in result.kept:
        print(f"Note: {line}.")
    if result.warnings:
        print(f"{result.warnings} warnings about the data: run `{command('check')}` to read them.")
    for line in result.partial:
        print(f"Note: {line}.")
    if result.due:
        names = ", ".join(f"{f.publisher} {f.dataset} (to {f.latest})" for f in result.due)
        print(f"A newer release is likely for: {names}. `{command('check')}` says what to do for each.")
    return 0


def _warn_on_old_facts() -> None:
    """A period or call year left over from an earlier application, said before every build (the build
    itself reports a project.toml it cannot read). Measured against today, not the annex's date (which a
    reproducible build may fix with SOURCE_DATE_EPOCH)."""
    from .core import clock
    from .outputs.annex import fact_warnings, project_facts

    try:
        facts = project_facts()
    except DataError:
        return
    for line in fact_warnings(facts, clock.today()):
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
        focus = focus_of(args.focus)
        para = justification(
            load(args.data),
            args.lang,
            args.max_chars,
            versus,
            ids(args.sentences),
            ids(args.skip),
            args.cite,
            focus=focus,
        )
    except UnknownSentence as err:
        print(f"latgale-stats text: {err}.", file=sys.stderr)
        return 2
    if not para.sentences and not para.left_out:
        from .present.focus import name

        print(
            f"latgale-stats text: no sentence: data/raw/ holds no value for {name(focus.territory, 'en')} that a "
            f'sentence states. `make check FOCUS="{args.focus or focus.territory}"` says what is missing and where '
            "to get it.",
            file=sys.stderr,
        )
        return 1
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
    """The entry workbook, by default into the data folder: where it is filled in, saved (Ctrl+S) and read."""
    from .outputs.template import template_bytes  # imports openpyxl

    out = args.out or (args.data or data_dir()) / ENTRY_FILE
    shown = display_path(out.resolve())
    if _inside_raw(out, args.data) and out.exists():
        print(
            f"{shown} exists already, and latgale-stats never overwrites data (the file may hold "
            f"figures): type the new figures into it, or write another workbook with --out "
            f"{display_path((args.data or data_dir()) / 'OTHER.xlsx')}.",
            file=sys.stderr,
        )
        return 2
    if out.exists() and not args.force:
        print(f"{shown} exists already: choose another --out, or add --force to replace it.", file=sys.stderr)
        return 2
    atomic_write_bytes(out, template_bytes())
    record = f"`{command('origins', 'add')} {shown} --publisher NVA --url …`"
    if _inside_raw(out, args.data):
        print(
            f"Wrote {shown}: the data-entry workbook, a sheet per indicator. Open it, type one figure a row with "
            f"its source address, and save it where it is. Then record it, {record}, and run `{command('build')}`. "
            f"Until it holds figures, `{command('check')}` lists it as having none."
        )
    else:
        print(
            f"Wrote {shown}: the data-entry workbook, a sheet per indicator. Type one figure a row with its source "
            f"address, save it into data/raw/, record it ({record.replace(shown, 'data/raw/' + out.name)}), "
            f"then run `{command('build')}`."
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


# An origin record's defaults for files latgale-stats recognises as figures entered by hand: title and licence
_ENTERED = {
    "data-entry workbook": "Figures typed into the data-entry workbook, one a row with its source address",
    "curated": "Figures read in reports and the press, one a row with the page and the words they were read in",
    "statements": "What an earlier application stated, in its own words",
}
_QUOTED = "facts quoted with their source page"


def _kind_of(path: Path) -> tuple[str, str]:
    """The record's kind for a file (and the format it was read as), from its content as `check` reads it;
    raises ValueError with why when latgale-stats does not read the file."""
    from .ingest import Refused, detect, open_source
    from .ingest.curated import is_statements

    try:
        src = open_source(path, display_path(path))
        fmt = detect(src)
    except Refused as why:
        raise ValueError(str(why)) from None
    if fmt is None:
        from .ingest.base import looks_like

        raise ValueError(f"not a format latgale-stats reads (it looks like {looks_like(src.data)})")
    if fmt.name == "curated CSV":
        return ("statements" if is_statements(path) else "curated"), fmt.name
    if fmt.name.startswith("workbook"):
        found = fmt.read(src).format  # the entry workbook or a CSB download
        return ("curated" if found == "data-entry workbook" else "publisher file"), found
    return "publisher file", fmt.name


def cmd_origins_add(args) -> int:
    """Record a new file of the data folder in origins.toml, then regenerate the folder's README."""
    from .core import catalogue

    folder = (args.data or data_dir()).resolve()
    # as typed from here, from the project folder, or a name in the data folder
    tried = [args.file, project_root() / args.file, folder / args.file]
    given = next((p for p in tried if p.exists()), args.file)
    path = given.resolve()
    record = display_path(folder / ORIGINS_FILE)
    if path.parent != folder:
        print(
            f"{display_path(given)} is not in {display_path(folder)}/: {ORIGINS_FILE} records the files directly in "
            f"that folder. Copy the file there first, then run `{command('origins', 'add')} "
            f"{display_path(folder / path.name)} …`.",
            file=sys.stderr,
        )
        return 2
    if not path.is_file():
        print(f"{display_path(path)} does not exist: check the name (ls {display_path(folder)}/).", file=sys.stderr)
        return 2
    try:
        known = read_origins(folder)
    except OriginError as err:
        print(f"latgale-stats: {err}", file=sys.stderr)
        return 1
    if path.name in known:
        print(
            f"{display_path(path)} is recorded already in {record} (or its sidecar record): `origins add` records "
            f"new files only. If the file was changed on purpose, correct sha256 in its table "
            f'[files."{path.name}"] (sha256sum {display_path(path)}) and regenerate the README with '
            f"`{command('origins', '--write-readme')}`.",
            file=sys.stderr,
        )
        return 2
    try:
        kind, found = _kind_of(path)
    except ValueError as why:
        print(f"{display_path(path)} is not recorded: {why}. Record only files latgale-stats reads.", file=sys.stderr)
        return 1
    entry = next((e for e in catalogue.entries() if e.code.casefold() in path.name.casefold()), None)
    if kind != "publisher file":
        dataset, title, licence = path.stem, _ENTERED.get(found, _ENTERED[kind]), _QUOTED
    elif entry is not None:
        dataset, title, licence = entry.code, entry.title, entry.licence
    else:
        dataset, title, licence = None, None, None
    values = {
        "publisher": args.publisher,
        "kind": kind,
        "dataset": args.dataset or dataset,
        "title": args.title or title,
        "release_date": args.release_date,
        "release_date_from": args.release_date_from,
        "licence": args.licence or licence,
        "url": args.url,
        "sha256": sha256_file(path),
    }
    missing = " and ".join(f"--{key}" for key in ("title", "licence") if not values[key])
    if missing:
        print(
            f"{display_path(path)} ({found}) is not named after a dataset of the catalogue, so it has no default "
            f'{missing}: give them (e.g. --title "Registered unemployment by region, NVA monthly table").',
            file=sys.stderr,
        )
        return 2
    origins_path = folder / ORIGINS_FILE
    try:
        origin = new_origin(folder, path.name, values)
        text = with_origin(folder, origins_path.read_text(encoding="utf-8") if origins_path.exists() else "", origin)
    except OriginError as err:
        print(f"{display_path(path)} is not recorded: {err}.", file=sys.stderr)
        return 2
    atomic_write_bytes(origins_path, text.encode("utf-8"))
    readme = folder / README_FILE
    atomic_write_bytes(readme, readme_text(read_origins(folder)).encode("utf-8"))
    print(
        f"Recorded {display_path(path)} in {record} (publisher {origin.publisher}, kind {origin.kind}"
        + (f", dataset {origin.dataset}" if origin.dataset else "")
        + f", sha256 {origin.sha256[:12]}…) and regenerated {display_path(readme)}: commit the three together."
    )
    return 0


def cmd_origins(args) -> int:
    if getattr(args, "origins_command", None) == "add":
        return cmd_origins_add(args)
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
