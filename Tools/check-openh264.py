#!/usr/bin/env python3
"""Decodes every splice of a hesp package with FFmpeg and with OpenH264 (GStreamer openh264dec).

Usage: Tools/check-openh264.py OUT [--step N] [--track ID] [--jobs N]

A splice of init packet n is init-n.m4s followed by the continuation from its emsg (index,
offset) up to and including the next keyframe's chunk (by frame-index.json), as a player joins.
Each splice is decoded by `ffmpeg -f framemd5` and by
`gst-launch-1.0 filesrc ! qtdemux ! h264parse ! openh264dec`; both must give every picture (frame
n up to the next keyframe), and the script also counts splices whose pictures are byte-identical
(MD5 per frame). Exit status 1 when any splice decodes to a different frame count in either
decoder.

The last frame's splice is one picture with nothing after it. GStreamer 1.22's openh264dec
outputs nothing for any one-picture stream (a one-frame clip made by ffmpeg included), so that
splice is decoded by FFmpeg only and counted apart.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile


def run(arguments):
    try:
        return subprocess.run(arguments, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(arguments, 124, b"", b"timed out after 120 s")


def ffmpeg_md5s(path):
    out = run(["ffmpeg", "-v", "error", "-i", path, "-f", "framemd5", "-"])
    lines = [l for l in out.stdout.decode().splitlines() if l and not l.startswith("#")]
    return [l.split(",")[-1].strip() for l in lines], out.stderr.decode().strip()


def openh264_md5s(path, width, height):
    raw = path + ".yuv"
    out = run(["gst-launch-1.0", "-q", "filesrc", f"location={path}", "!", "qtdemux", "!", "h264parse", "!",
               "openh264dec", "!", "video/x-raw,format=I420", "!", "filesink", f"location={raw}"])
    data = open(raw, "rb").read() if os.path.exists(raw) else b""
    if os.path.exists(raw):
        os.remove(raw)
    # GStreamer's I420 rows are padded to 4 bytes; FFmpeg's framemd5 hashes the rows unpadded.
    planes = [(width, height, (width + 3) // 4 * 4)]
    chroma = ((width + 1) // 2, (height + 1) // 2)
    planes += [(chroma[0], chroma[1], (chroma[0] + 3) // 4 * 4)] * 2
    size = sum(stride * rows for _, rows, stride in planes)
    md5s = []
    for start in range(0, len(data) - size + 1, size):
        digest, at = hashlib.md5(), start
        for columns, rows, stride in planes:
            for row in range(rows):
                digest.update(data[at + row * stride:at + row * stride + columns])
            at += stride * rows
        md5s.append(digest.hexdigest())
    return md5s, out.returncode, out.stderr.decode().strip()


def pointer(packet):
    match = re.search(rb'\{"index":(\d+),"offset":(\d+)\}', packet)
    return (int(match.group(1)), int(match.group(2))) if match else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("package")
    parser.add_argument("--step", type=int, default=1)
    parser.add_argument("--track", action="append")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    options = parser.parse_args()
    index = json.load(open(os.path.join(options.package, "frame-index.json")))
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for track in index["tracks"]:
            if options.track and track["id"] not in options.track:
                continue
            directory = os.path.join(options.package, "video", track["id"])
            read = lambda name: open(os.path.join(directory, name), "rb").read()
            segments = {s["id"]: read(f"content-{s['id']}.m4s") for s in track["segments"]}
            frames = track["frames"]
            count = len(frames)
            keyframes = [k for k in range(count) if frames[k]["isKeyframe"]]

            def splice(n):
                packet = read(f"init-{n}.m4s")
                following = next((k for k in keyframes if k > n), count)
                end = min(following + 1, count)  # the next keyframe's picture included
                data = packet
                target = pointer(packet)
                if target and n + 1 < end:
                    segment, offset = target
                    stop = (frames[end]["segmentId"], frames[end]["byteOffset"]) if end < count else None
                    for sid in sorted(k for k in segments if k >= segment):
                        start = offset if sid == segment else 0
                        if stop and sid == stop[0]:
                            data += segments[sid][start:stop[1]]
                            break
                        data += segments[sid][start:]
                path = os.path.join(scratch, f"{track['id']}-{n}.mp4")
                open(path, "wb").write(data)
                reference, ffmpeg_errors = ffmpeg_md5s(path)
                if end - n == 1:  # one picture: openh264dec outputs none for any such stream
                    os.remove(path)
                    return n, 1, reference, ffmpeg_errors, None, 0, ""
                openh264, status, gst_errors = openh264_md5s(path, track["width"], track["height"])
                os.remove(path)
                return n, end - n, reference, ffmpeg_errors, openh264, status, gst_errors

            selected = [n for n in range(0, count, options.step) if frames[n]["initPacketByteCount"] > 0]
            with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
                results = list(pool.map(splice, selected))
            problems = []
            ffmpeg_total = openh264_total = identical = short = empty = single = 0
            for n, expected, reference, ffmpeg_errors, openh264, status, gst_errors in results:
                if len(reference) != expected or ffmpeg_errors:
                    problems.append(f"init-{n}: ffmpeg {len(reference)} of {expected} frames {ffmpeg_errors[:120]}")
                if openh264 is None:
                    single += 1
                    continue
                ffmpeg_total += len(reference)
                openh264_total += len(openh264)
                if openh264 == reference:
                    identical += 1
                if len(openh264) < expected:
                    short += 1
                if not openh264:
                    empty += 1
                if len(openh264) != len(reference) or status:
                    problems.append(f"init-{n}: openh264 {len(openh264)} frames, ffmpeg {len(reference)} {gst_errors[:120]}")
            both = len(results) - single
            print(f"{track['id']}: {both} splices in both decoders, frames ffmpeg {ffmpeg_total}, openh264 {openh264_total}; "
                  f"splices losing frames in openh264 {short}, decoding to nothing {empty}; "
                  f"pictures identical in both decoders {identical}/{both}; "
                  f"one-picture splices (ffmpeg only) {single}")
            for problem in problems[:10]:
                print("  FAIL " + problem)
            failures += len(problems)
    sys.exit(1 if failures else 0)


main()
