#!/usr/bin/env bash
# Build the sdist and the wheel (the wheel from the sdist, as `python -m build` does), install
# the wheel into a clean virtual environment outside the clone and smoke-test it there.
#   bash packaging/check_wheel.sh [DIST_DIR]      (default: dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(realpath -m "${1:-dist}")"
python="${PYTHON:-.venv/bin/python}"

rm -rf "$dist"
"$python" -m build --outdir "$dist" . >"$dist.log" 2>&1 || { cat "$dist.log" >&2; exit 1; }
rm -f "$dist.log"
wheel="$(ls "$dist"/handover_planner-*.whl)"
sdist="$(ls "$dist"/handover_planner-*.tar.gz)"
echo "check_wheel: built $(basename "$sdist") ($(du -k "$sdist" | cut -f1) KiB)" \
    "and $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"

# The sdist carries the top-level resources/ that setup.py maps into the wheel.
# (grep reads all of the listing: with -q, tar would die of SIGPIPE under pipefail.)
tar tzf "$sdist" | grep -c '/resources/fonts/DejaVuSans.ttf$' >/dev/null || {
    echo "check_wheel: the sdist has no resources/fonts" >&2
    exit 1
}

venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet "$wheel" 2>&1 | grep -v "^WARNING: Location" || true
"$venv/bin/python" -m pip show --quiet handover-planner >/dev/null
# The installed app must read its resources from the venv, not from this clone.
resources="$(cd / && "$venv/bin/python" -c 'from planner.resources import RESOURCES; print(RESOURCES)')"
case "$resources" in
    "$venv"/*) ;;
    *) echo "check_wheel: the wheel reads resources from $resources" >&2; exit 1 ;;
esac
bash packaging/smoke_test.sh "$venv/bin/handover-planner" 2> >(grep -v propagateSizeHints >&2)
