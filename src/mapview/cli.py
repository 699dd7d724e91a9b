"""The `mapview` command: check, export and rebuild datasets from a shell.

Bad input ends in one line per problem and exit status 1, never a traceback: the people
running this fix data files, and a stack trace tells them nothing about which record.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mapview.errors import DataError


def _cmd_validate(args: argparse.Namespace) -> int:
    from mapview.dataset import load_dataset

    dataset = load_dataset(args.dir)
    print(
        f"{dataset.root}: ok: {len(dataset.articles)} article(s), {len(dataset.places)} "
        f"place(s), {len(dataset.incidents)} incident(s)"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from mapview.dataset import load_dataset
    from mapview.export import export
    from mapview.storage import write_atomic

    dataset = load_dataset(args.data)
    text = export(dataset, dataset.incidents, args.format)
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        write_atomic(Path(args.output), text)
        print(f"wrote {len(dataset.incidents)} incident(s) to {args.output}", file=sys.stderr)
    return 0


def _cmd_seed(args: argparse.Namespace) -> int:
    from mapview.dataset import load_dataset
    from mapview.seed import rebuild

    rebuild(Path(args.dir))
    load_dataset(args.dir)
    print(f"{args.dir}: seed article and derived region rebuilt")
    return 0


def _cmd_assets(args: argparse.Namespace) -> int:
    from mapview.assets import install_assets

    root = install_assets(Path(args.static))
    print(f"offline assets ready in {root}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mapview", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a dataset folder")
    p.add_argument("dir", nargs="?", default=None, help="dataset folder (default: embedded)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("export", help="export incidents as GeoJSON, CSV or KML")
    p.add_argument("--format", "-f", choices=["geojson", "csv", "kml"], default="geojson")
    p.add_argument("--data", default=None, help="dataset folder (default: embedded)")
    p.add_argument("-o", "--output", default=None, help="output file; '-' or none for stdout")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("seed", help="rebuild the seed article and derived region from sources")
    p.add_argument("dir", nargs="?", default=str(Path(__file__).resolve().parents[2] / "geodata"))
    p.set_defaults(func=_cmd_seed)

    p = sub.add_parser(
        "assets", help="copy Leaflet, jQuery and basemap into static/ for offline use"
    )
    p.add_argument("--static", default="static", help="folder Streamlit serves (default: static)")
    p.set_defaults(func=_cmd_assets)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"mapview {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
