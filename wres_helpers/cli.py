"""The ``wres`` command line: validate, indicators, params, run, audit, example-data.

Bad input exits 2 with every problem listed (table, row, column, value) and
no traceback; nothing already written is touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wres_helpers.figures.disclosure import AUDIENCES, METHODS
from wres_helpers.problems import InputError, Problem

EXIT_BAD_INPUT = 2


def _whole(low: int):
    """An argparse type: a whole number of at least ``low``, with a clear message."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"{value} is less than {low}")
        return value

    return parse


def _cmd_validate(args) -> int:
    from wres_helpers.extract.validate import load_extract

    extract = load_extract(args.extract)
    for note in extract.warnings:
        print(f"warning: {note}", file=sys.stderr)
    n = sum(len(t) for t in extract.tables.values())
    print(f"{args.extract}: meets the contract ({len(extract.tables)} tables, {n:,} rows)")
    return 0


def _cmd_indicators(args) -> int:
    from wres_helpers.atomic import write_csv_atomic
    from wres_helpers.figures.engine import indicators_for_extract

    table = indicators_for_extract(
        args.extract, args.audience, entities=args.entity, years=args.year, policy=_policy(args)
    )
    _check_years(args.year, table.frame)
    out = Path(args.out or f"indicators-{args.audience}.csv")
    # The audience is named inside the file too: a last column the contract allows.
    write_csv_atomic(table.frame.assign(audience=table.audience), out)
    print(f"wrote {out}: {len(table.frame):,} rows ({table.audience})")
    return 0


def _check_years(years: list[int] | None, frame) -> None:
    """A year asked for that the extract has no data for is an error, not an empty file."""
    missing = sorted(set(years or []) - {int(y) for y in frame["year"].unique()})
    if missing:
        raise InputError(
            [Problem("extract", None, "year", str(y), "no data for this year") for y in missing]
        )


def _cmd_params(args) -> int:
    from wres_helpers.report.params_write import write_params_files

    written = write_params_files(args.extract, args.out, args.audience, args.year)
    print(f"wrote {len(written)} params files to {args.out}")
    return 0


def _cmd_run(args) -> int:
    from wres_helpers.batch.runner import run_reports

    return run_reports(
        args.params,
        jobs=args.jobs,
        outputs=args.outputs,
        resume=args.resume,
        notebook=args.notebook,
        policy=_policy_given(args),
    )


def _cmd_audit(args) -> int:
    from wres_helpers.batch.audit import audit_folder

    findings = audit_folder(Path(args.outputs), extract=args.extract, policy=_policy(args))
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} finding(s): not safe to publish", file=sys.stderr)
        return 1
    print(f"{args.outputs}: no disclosure found")
    return 0


def _cmd_example(args) -> int:
    from wres_helpers.example import write_example

    written = write_example(args.folder)
    print(f"wrote the example extract ({len(written)} tables) to {args.folder}")
    return 0


#: The disclosure policy's options: (name, argparse keywords). Defaults are the Policy's own.
_POLICY_OPTIONS = (
    ("max-suppressed", dict(type=_whole(0), help="counts from 1 to this are withheld (7)")),
    (
        "rounding-base",
        dict(type=_whole(1), help="under --method rounding, counts are rounded to this (5)"),
    ),
    (
        "survey-min-respondents",
        dict(type=_whole(0), help="survey percentages need this many respondents (11)"),
    ),
    (
        "method",
        dict(
            choices=METHODS,
            help="public figures exact with cell suppression (the default), or from counts "
            "rounded to --rounding-base",
        ),
    ),
    (
        "suppress-board",
        dict(
            action="store_const",
            const=True,
            help="withhold small board counts like any other (default: the board is published)",
        ),
    ),
)


def _policy_options(parser: argparse.ArgumentParser) -> None:
    """The disclosure policy's options, each defaulting to 'not given' (None)."""
    for name, kwargs in _POLICY_OPTIONS:
        parser.add_argument(f"--{name}", default=None, **kwargs)


def _policy_given(args) -> dict:
    """The policy options given on the command line, by the Policy's field names."""
    names = [name.replace("-", "_") for name, _ in _POLICY_OPTIONS]
    return {n: getattr(args, n) for n in names if getattr(args, n) is not None}


def _policy(args):
    from wres_helpers.figures.disclosure import Policy

    return Policy(**_policy_given(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wres", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check an extract against the data contract")
    p.add_argument("extract", help="the extract folder")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("indicators", help="write indicators.csv for every entity and year")
    p.add_argument("extract")
    p.add_argument("--out", help="the CSV file to write (default: indicators-<audience>.csv)")
    p.add_argument("--audience", choices=AUDIENCES, default="internal")
    p.add_argument("--entity", action="append", help="an org_code or cluster code (repeatable)")
    p.add_argument("--year", action="append", type=int, help="a year (repeatable)")
    _policy_options(p)
    p.set_defaults(func=_cmd_indicators)

    p = sub.add_parser("params", help="write one params file per entity")
    p.add_argument("extract")
    p.add_argument("--out", required=True, help="the folder to write to")
    p.add_argument("--audience", choices=AUDIENCES, default="public")
    p.add_argument("--year", type=int, help="the reporting year (default: the latest)")
    p.set_defaults(func=_cmd_params)

    p = sub.add_parser("run", help="run each params file's notebook and render its report")
    p.add_argument("params", nargs="+", help="params files or folders of them")
    p.add_argument("--jobs", type=_whole(1), default=None, help="parallel reports (default: cores)")
    p.add_argument(
        "--notebook",
        help="run this notebook for every report, instead of the report type's own",
    )
    p.add_argument("--outputs", default=None, help="the outputs folder (default: outputs/)")
    p.add_argument(
        "--resume",
        action="store_true",
        help="redo only reports that failed or whose inputs changed",
    )
    _policy_options(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("audit", help="check public outputs for anything that discloses")
    p.add_argument("outputs", help="a folder of public outputs")
    p.add_argument("--extract", help="the extract, to look for its identifiers")
    _policy_options(p)
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser("example-data", help="write the synthetic example extract")
    p.add_argument("folder")
    p.set_defaults(func=_cmd_example)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wres`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        print(
            f"wres {args.command}: the input does not meet the contract "
            f"({len(err.problems)} problem(s)):",
            file=sys.stderr,
        )
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(
            f"wres {args.command}: interrupted; outputs already finished are kept", file=sys.stderr
        )
        return 130
    except OSError as err:
        print(f"wres {args.command}: {err.strerror or err}: {err.filename or ''}", file=sys.stderr)
        return 1
    except Exception as err:  # no traceback for any input (MemoryError, RecursionError...)
        print(
            f"wres {args.command}: stopped on an unexpected error "
            f"({type(err).__name__}: {str(err)[:200]})",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
