"""Entry point of the frozen bundle (PyInstaller): the same command line as pip's script."""

import sys

from planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
