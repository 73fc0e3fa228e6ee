"""``latgale-stats``: check the data, build the reports.

Exit codes: 0 fine, 1 errors in the data (listed, nothing written), 2 wrong usage, 3 internal error.
No Python traceback is shown unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = """\
Regional indicators for Latgale with their sources, for EU funding applications.

  latgale-stats check     read and validate data/raw/, print coverage, warnings and errors
  latgale-stats build     validate, then write reports/ (what `make build` runs)

Every command reads the folder given with --data (default: the project's data/raw/).
"""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="folder with the raw data files (default: data/raw/ of the project)")
    common.add_argument("--debug", action="store_true", help="show the Python traceback of internal errors")
    parser = argparse.ArgumentParser(prog="latgale-stats", description=HELP,
                                     formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("check", parents=[common], help="validate the data and print coverage and warnings")
    build = sub.add_parser("build", parents=[common], help="validate the data and write reports/")
    build.add_argument("--reports", type=Path, default=None, metavar="DIR",
                       help="output folder (default: reports/ of the project)")
    return parser


def cmd_check(args) -> int:
    from . import read
    from .report import check_text

    ds = read(args.data)
    print(check_text(ds, ds.observations()))
    return 0


def cmd_build(args) -> int:
    from . import load
    from .build import build
    from .paths import display_path, reports_dir

    out = args.reports or reports_dir()
    df = load(args.data)
    result = build(df, out)
    counts = df.groupby("kind").size()
    print(f"Data: {counts.get('observation', 0)} observations, {counts.get('derived', 0)} derived values, "
          f"{counts.get('statement', 0)} statements of the 2013 application.")
    print(f"Wrote {display_path(out)}/: {len(result.written)} files "
          f"({len(result.figures)} figures in {', '.join(result.langs)}, PNG/SVG/PDF; chart_data.xlsx; "
          "indicators.xlsx).")
    for why in result.not_drawn:
        print(f"Not drawn: {why.chart_id}: {why.reason}")
    print("Run `latgale-stats check` for coverage and warnings.")
    return 0


COMMANDS = {"check": cmd_check, "build": cmd_build}


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except Exception as exc:
        from .errors import DataError

        if isinstance(exc, DataError):
            print(exc.report(), file=sys.stderr)
            print("Correct the rows above (data/raw/ was not changed; reports/ was left as it was).",
                  file=sys.stderr)
            return 1
        if args.debug:
            raise
        print(f"latgale-stats: internal error ({type(exc).__name__}: {exc}).\n"
              "This is a fault in latgale-stats, not in your data. Rerun with --debug and report the output.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
