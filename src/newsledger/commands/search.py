"""PLACEHOLDER: the 'search' command arrives with its issue."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("args", nargs="*")


def run(args: argparse.Namespace) -> int:
    print("newsledger: 'search' is not available in this build yet", file=sys.stderr)
    return 2
