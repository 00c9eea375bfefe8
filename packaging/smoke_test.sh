#!/usr/bin/env bash
# Smoke-test an installed Handover Planner (a wheel in a clean venv, or a frozen bundle):
#   bash packaging/smoke_test.sh PATH/TO/handover-planner
# Runs --version, templates, demo, check, export pdf of every kind and the GUI offscreen
# (it opens the demo and paints its window into a PNG). Everything happens in a temporary
# folder with its own HOME and XDG folders, so the user's own settings are not touched.
set -euo pipefail

app="$(realpath "$1")"
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$(dirname "$0")/../planner/__init__.py")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
export XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME"
cd "$work"

show_log() { cat "$XDG_STATE_HOME"/handover-planner/log/*.log >&2 2>/dev/null || true; }
fail() {
    echo "smoke test: $*" >&2
    show_log
    exit 1
}
# A command that fails on its own (set -e) shows the app's error log too.
trap show_log ERR
step() { echo "smoke test: $*"; }

step "--version"
[ "$("$app" --version)" = "handover-planner $version" ] || fail "--version does not say $version"

step "templates (resources/templates inside the build)"
[ "$("$app" templates | wc -l)" -eq 6 ] || fail "templates does not list the six templates"

step "demo"
"$app" demo demo.handover --systems 6 --seed 1 >/dev/null

step "check"
set +e
"$app" check demo.handover --format json > check.json
status=$?
set -e
# The demo leaves gaps on purpose: exit 1 (blockers) is the expected answer.
[ "$status" -eq 1 ] || fail "check exited $status, expected 1 (blockers in the demo)"
grep -q '"format": "handover-planner-check"' check.json || fail "check printed no report"
system="$(grep -m1 -o '"name": "[^"]*"' check.json | sed 's/"name": "\(.*\)"/\1/')"

for kind in pack portfolio oncall; do
    step "export pdf --kind $kind"
    args=(export pdf demo.handover -o "$kind.pdf" --kind "$kind" --date 2026-01-31)
    if [ "$kind" = pack ]; then
        args+=(--system "$system")
    fi
    out="$("$app" "${args[@]}")"
    pages="$(sed -n 's/.*(\([0-9]*\) pages.*/\1/p' <<<"$out")"
    [ "${pages:-0}" -ge 1 ] || fail "export pdf --kind $kind: $out"
    [ "$(head -c 5 "$kind.pdf")" = "%PDF-" ] || fail "$kind.pdf is not a PDF"
    # The shipped fonts are embedded (a build without resources/fonts cannot do this).
    grep -aq "DejaVuSans" "$kind.pdf" || fail "$kind.pdf has no DejaVu Sans embedded"
done

step "GUI offscreen: open the demo and paint the window"
QT_QPA_PLATFORM=offscreen HANDOVER_PLANNER_GRAB="$work/window.png" \
    "$app" open demo.handover
size="$(stat -c %s window.png 2>/dev/null || echo 0)"
# An empty or blank window compresses to a few kilobytes; the painted editor does not.
[ "$size" -gt 20000 ] || fail "the window picture is missing or blank ($size bytes)"
if [ -n "${SMOKE_KEEP_SCREENSHOT:-}" ]; then
    cp window.png "$SMOKE_KEEP_SCREENSHOT"
fi
step "passed ($app)"
