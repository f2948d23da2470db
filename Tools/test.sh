#!/usr/bin/env bash
# Installs missing system packages, builds, and runs every unit and end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."
HESP_INSTALL_FFMPEG_CLI=1 Tools/install-deps.sh
Tools/format.sh --lint   # the committed .swift-format (docs/ARCHITECTURE.md)
swift build --build-tests
swift test --skip-build --parallel
