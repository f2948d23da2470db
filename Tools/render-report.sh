#!/usr/bin/env bash
# Renders an HTML report (or an SVG) to PNG with headless Chromium and checks the PNG is not blank.
#   Tools/render-report.sh [INPUT.html|INPUT.svg] [OUT.png] [WIDTHxHEIGHT]
# Defaults: the golden report Fixtures/Golden/report/report.html (it embeds the SVGs beside it),
# .build/report-render/<name>.png, 1200x1900. Installs Debian's chromium when it is missing.
# Fails (non-zero) when Chromium fails, or when the PNG is blank: fewer than 1% non-white pixels
# or fewer than 8 distinct colours.
set -euo pipefail
cd "$(dirname "$0")/.."
input="${1:-Fixtures/Golden/report/report.html}"
[ -f "$input" ] || { echo "render-report: no such file: $input" >&2; exit 1; }
name="$(basename "$input")"
output="${2:-.build/report-render/${name%.*}.png}"
size="${3:-1200x1900}"
mkdir -p "$(dirname "$output")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "render-report: installing chromium" >&2
  apt-get -o DPkg::Lock::Timeout=300 install -y chromium >&2
fi

absolute="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
rm -f "$output"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --screenshot="$(realpath -m "$output")" "file://$absolute" >/dev/null 2>&1 || true
[ -s "$output" ] || { echo "render-report: chromium wrote no PNG for $input" >&2; exit 1; }

python3 - "$output" <<'PY'
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR": header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT": idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    return width, height, bpp, rows

width, height, bpp, rows = pixels(sys.argv[1])
colours, ink = set(), 0
for row in rows:
    for i in range(0, len(row), bpp):
        rgb = bytes(row[i:i + 3]); colours.add(rgb)
        if rgb != b"\xff\xff\xff": ink += 1
share = ink / (width * height)
print(f"render-report: {sys.argv[1]}: {width}x{height}, {share:.1%} non-white pixels, {len(colours)} colours")
if share < 0.01 or len(colours) < 8:
    sys.exit("render-report: the PNG looks blank")
PY
