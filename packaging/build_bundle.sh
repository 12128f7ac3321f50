#!/usr/bin/env bash
# Build the one-folder Linux app in dist/lismoi/ with PyInstaller, check that it
# starts, and report its size. Usage: packaging/build_bundle.sh [python]
# (default: .venv/bin/python, which needs the `bundle` extra: pip install -e '.[bundle]').
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}

"$PY" -m lismoi.core.i18n_build            # fresh .mo catalogs for app/locale (lismoi/locale in the bundle)
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/lismoi.spec
echo "built dist/lismoi in $(( $(date +%s) - start )) s"

# Smoke tests: it starts, it finds its data, it reads the sample.
dist/lismoi/lismoi --version
dist/lismoi/lismoi extract dist/lismoi/_internal/lismoi/_data/resources/samples/prison-telephones.html \
    | head -n 3

dist/lismoi/lismoi voices --french | head -n 2   # the speech engine runs as `lismoi -m ...`

# Our catalog and Qt's own French strings (standard buttons, dialogs) are inside.
test -f dist/lismoi/_internal/lismoi/locale/fr/LC_MESSAGES/lismoi.mo
test -f dist/lismoi/_internal/PySide6/Qt/translations/qtbase_fr.qm

# The window starts (offscreen, for a few seconds) and QtMultimedia finds its
# backend: a missing library of the FFmpeg plugin only shows up as this warning.
log=$(QT_QPA_PLATFORM=offscreen LISMOI_CONFIG_DIR="$(mktemp -d)" timeout 8 dist/lismoi/lismoi 2>&1 || true)
if grep -q "No QtMultimedia backends found" <<<"$log"; then
    echo "the bundle's QtMultimedia backend does not load:" >&2
    echo "$log" >&2
    exit 1
fi

size=$(du -sh dist/lismoi | cut -f1)
files=$(find dist/lismoi -type f | wc -l)
tarball=$(tar -C dist -czf - lismoi | wc -c)
echo "bundle size: $size ($files files) in dist/lismoi; $(( tarball / 1024 / 1024 )) MB as a .tar.gz"
