#!/usr/bin/env bash
# Build the self-contained Linux bundle and smoke-test it:   bash packaging/build.sh
#
# 1. a build venv (build/venv) with PyInstaller and the app installed as a wheel would be;
# 2. PyInstaller one-folder bundle: build/dist/handover-planner/ (spec: packaging/*.spec);
# 3. checks that it holds what it needs and nothing it must not, prints its size;
# 4. the smoke test (packaging/smoke_test.sh) with no Python project on the path and an
#    empty environment: --version, templates, demo, check, export pdf of every kind,
#    the GUI offscreen painting its window; then install-desktop into a scratch folder;
# 5. build/handover-planner-VERSION-linux-x86_64.tar.gz, the download;
# 6. the Flatpak manifest (packaging/flatpak/) and its metainfo, validated. No AppImage:
#    see "Why no AppImage" in README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="$root/build"
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' planner/__init__.py)"
started=$SECONDS

# appstreamcli validates the metainfo; desktop-file-validate the desktop entry.
if ! command -v appstreamcli >/dev/null || ! command -v desktop-file-validate >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "build: please install the Debian packages appstream and desktop-file-utils" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        appstream desktop-file-utils >/dev/null
fi

echo "build: venv and PyInstaller"
if [ ! -x "$out/venv/bin/python" ]; then
    python3 -m venv "$out/venv"
fi
pip_quiet() { "$out/venv/bin/python" -m pip install --quiet "$@" 2>&1 | grep -v "^WARNING: Location" || true; }
pip_quiet "pyinstaller>=6.10,<7"
# Not editable: the bundle must take the packaged files, exactly as a wheel install has them.
# setuptools builds in build/lib too: stale files there would slip into the install.
rm -rf "$out/lib" "$out"/bdist.*
pip_quiet --force-reinstall --no-deps .
pip_quiet .
"$out/venv/bin/python" -c "import planner, PyInstaller" >/dev/null

echo "build: PyInstaller one-folder bundle"
"$out/venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$out/dist" \
    --workpath "$out/work" packaging/handover-planner.spec
bundle="$out/dist/handover-planner"
internal="$bundle/_internal"

echo "build: contents"
need=(
    "planner/_resources/fonts/DejaVuSans.ttf"
    "planner/_resources/templates/01_document_extraction.json"
    "planner/_resources/schema/workspace.schema.json"
    "planner/_resources/icons/handover-planner.svg"
    "planner/store/migrations/versions/0001_baseline.py"
    "PySide6/Qt/plugins/platforms/libqoffscreen.so"
    "PySide6/Qt/plugins/platforms/libqxcb.so"
    "PySide6/Qt/plugins/printsupport"
    "PySide6/Qt/plugins/imageformats/libqsvg.so"
    "pypdfium2_raw/libpdfium.so"
)
for path in "${need[@]}"; do
    [ -e "$internal/$path" ] || { echo "build: the bundle lacks $path" >&2; exit 1; }
done
unwanted="$(find "$internal" \( -iname '*WebEngine*' -o -iname 'libQt6Qml*' -o -iname 'libQt6Quick*' \
    -o -path '*/Qt/translations/*' -o -name 'tkinter' -o -name '_pytest' \) -print)"
if [ -n "$unwanted" ]; then
    echo "build: the bundle holds what it must not:" >&2
    echo "$unwanted" >&2
    exit 1
fi
echo "build: bundle size $(du -sh "$bundle" | cut -f1) ($(find "$bundle" -type f | wc -l) files)"
du -sh "$internal/PySide6" "$internal/planner" | sed 's/^/build:   /'

echo "build: smoke test of the bundle (empty environment, outside the clone)"
smoke_home="$(mktemp -d)"
trap 'rm -rf "$smoke_home"' EXIT
(cd "$smoke_home" && env -i PATH=/usr/bin:/bin HOME="$smoke_home" LANG=C.UTF-8 \
    bash "$root/packaging/smoke_test.sh" "$bundle/handover-planner" \
    2> >(grep -v propagateSizeHints >&2))
env -i PATH=/usr/bin:/bin HOME="$smoke_home" XDG_DATA_HOME="$smoke_home/share" LANG=C.UTF-8 \
    "$bundle/handover-planner" install-desktop >/dev/null 2>&1
grep -q "^Exec=$bundle/handover-planner open %f$" \
    "$smoke_home/share/applications/handover-planner.desktop" || {
    echo "build: install-desktop from the bundle does not start the bundle" >&2
    exit 1
}
cp "$smoke_home/share/mime/packages/handover-planner.xml" "$out/handover-planner-mime.xml"

echo "build: archive"
archive="$out/handover-planner-$version-linux-$(uname -m).tar.gz"
tar -C "$out/dist" -czf "$archive" handover-planner
echo "build: $archive ($(du -h "$archive" | cut -f1))"

echo "build: Flatpak manifest and AppStream metainfo"
python3 -m json.tool packaging/flatpak/io.github.handover_planner.HandoverPlanner.json >/dev/null
appstreamcli validate --no-net packaging/handover-planner.metainfo.xml
desktop-file-validate packaging/handover-planner.desktop
echo "build: done in $((SECONDS - started)) s"
