#!/usr/bin/env bash
# The README's main command: installs the dependencies, builds hesp (release) and runs
# `hesp demo` on the bundled defaults (Fixtures/Media/bbb-320x180-6s.mp4 and the bundled
# traces), printing the comparison tables and writing demo-out/{vod,live}/report.html.
#   Tools/demo.sh [extra hesp demo options, e.g. --force --timelines -o DIR]
# From a clean clone on 2 cores: about 3-4 minutes, nearly all of it the build.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
swift build -c release
# demo-out/ is a scratch folder: each run replaces it.
exec .build/release/hesp demo --force "$@"
