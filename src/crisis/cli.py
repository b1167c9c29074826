"""Command line: ``python -m crisis check [ROOT]``, ``python -m crisis export DIR [--root ROOT]``.

Exit codes: 0 all is well; 1 the data has problems (one ``FILE:ROW: message`` line each, on
stdout); 2 the command cannot run (ROOT is not a project, bad arguments, export unavailable).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from crisis.data.problems import DataError
from crisis.data.tables import DESCRIPTOR


class UsageError(Exception):
    """The command cannot run as asked; its message is printed and the exit code is 2."""


def resolve_root(value: str | None) -> Path:
    """The project root named on the command line, or the one found from the current folder."""
    from crisis.data.load import find_project_root

    if value is None:
        try:
            return find_project_root()
        except DataError as exc:
            raise UsageError(f"{Path.cwd()} is not inside a project (no {DESCRIPTOR})") from exc
    root = Path(value)
    if not (root / DESCRIPTOR).is_file():
        raise UsageError(f"{value} is not a project (no {DESCRIPTOR})")
    return root


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything; one line per problem and exit 1, or a summary and exit 0."""
    from crisis.data.check import run_checks, summary

    started = time.perf_counter()
    result = run_checks(resolve_root(args.root))
    if result.problems:
        for problem in result.problems:
            print(problem)
        print(f"{len(result.problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("All checks passed.")
    for name, value in summary(result).items():
        print(f"  {name:<42}{value:>6}")
    print(f"  {'elapsed (s)':<42}{time.perf_counter() - started:>6.2f}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the derived tables as CSV into DIR, printing each path written."""
    try:
        from crisis.analysis.export import export_tables
    except ModuleNotFoundError as exc:
        if exc.name != "crisis.analysis.export":
            raise
        raise UsageError(
            "export is not available (the module crisis.analysis.export is missing)"
        ) from exc
    from crisis.data.load import load_project

    root = resolve_root(args.root)
    try:
        project = load_project(root)
    except DataError as exc:
        print(exc)
        print(f"{len(exc.problems)} problem(s) found; nothing exported.", file=sys.stderr)
        return 1
    try:
        paths = export_tables(project, Path(args.dir))
    except OSError as exc:
        raise UsageError(f"cannot write to {args.dir}: {exc.strerror or exc}") from exc
    for path in paths:
        print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with the ``check`` and ``export`` subcommands."""
    parser = argparse.ArgumentParser(
        prog="crisis", description="Validate the project's data and export derived tables."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data; exit 1 on any problem")
    check.add_argument("root", nargs="?", help="project root (default: found from cwd)")
    check.set_defaults(func=cmd_check)
    export = sub.add_parser("export", help="write the derived tables as CSV into DIR")
    export.add_argument("dir", help="output folder (created if missing)")
    export.add_argument("--root", help="project root (default: found from cwd)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage or help
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"crisis: {exc}", file=sys.stderr)
        return 2
