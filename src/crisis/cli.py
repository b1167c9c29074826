"""Command line: ``python -m crisis check [ROOT]`` and ``python -m crisis export DIR``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from crisis.problems import DataError


def _root(value: str | None) -> Path:
    from crisis.load import find_project_root

    if value is None:
        return find_project_root()
    root = Path(value)
    if not (root / "data" / "datapackage.json").is_file():
        raise DataError([])
    return root


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything; one line per problem and exit 1, or a summary and exit 0."""
    from crisis.check import run_checks, summary

    started = time.perf_counter()
    result = run_checks(args.root)
    if result.problems:
        for problem in result.problems:
            print(problem)
        print(f"{len(result.problems)} problem(s) found.", file=sys.stderr)
        return 1
    counts = summary(result)
    for name, value in counts.items():
        print(f"{name:>42}: {value}")
    print(f"{'check took':>42}: {time.perf_counter() - started:.2f} s")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the derived tables as CSV into DIR."""
    from crisis.export import export_tables
    from crisis.load import load_project

    try:
        project = load_project(args.root)
    except DataError as exc:
        print(exc)
        return 1
    for path in export_tables(project, Path(args.dir)):
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crisis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data; exit 1 on any problem")
    check.add_argument("root", nargs="?", help="project root (default: found from cwd)")
    check.set_defaults(func=cmd_check)
    export = sub.add_parser("export", help="write the derived tables as CSV")
    export.add_argument("dir", help="output folder (created if missing)")
    export.add_argument("--root", help="project root (default: found from cwd)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.root = _root(args.root)
    except DataError:
        where = args.root if args.root is not None else Path.cwd()
        print(f"{where}: not a project (no data/datapackage.json)", file=sys.stderr)
        return 2
    return args.func(args)
