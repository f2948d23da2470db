#!/usr/bin/env bash
# Formats the Swift sources with the committed .swift-format (2 spaces, 100 columns), or with
# --lint checks that they are formatted (CI runs it; exit 1 on any difference).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests)
if [ "${1:-}" = "--lint" ]; then
  exec swift format lint --strict --parallel --recursive "${paths[@]}"
fi
exec swift format format --in-place --parallel --recursive "${paths[@]}"
