#!/usr/bin/env python3
"""Verdict on one splice.html result (JSON in argv[1]): prints PASS or FAIL with the reasons,
exit status 0 only on PASS. A splice passes when playback reached the end, the buffer is one
range starting at the init packet's frame, every appended frame was decoded and none dropped."""
import json
import sys


def problems(result):
    found = list(result["errors"])
    if not result.get("isTypeSupported"):
        found.append("codec not supported")
    if not result.get("ended"):
        found.append("playback did not reach the end")
    ranges = result.get("buffered", [])
    if len(ranges) != 1:
        found.append(f"buffered ranges {ranges} (expected one)")
    start = result.get("spliceStartSeconds")
    if start is None or not ranges or abs(ranges[0][0] - start) > 0.001:
        found.append(f"buffer does not start at the splice frame (splice at {start}, buffered {ranges})")
    decoded, expected = result["totalVideoFrames"], result["expectedFrames"]
    if decoded < expected:
        found.append(f"{decoded} frames decoded of {expected} appended")
    if result["droppedVideoFrames"]:
        found.append(f"{result['droppedVideoFrames']} frames dropped")
    if result["corruptedVideoFrames"]:
        found.append(f"{result['corruptedVideoFrames']} frames corrupted")
    return found


def main():
    text = sys.argv[1] if len(sys.argv) > 1 else ""
    if not text.strip():
        print("FAIL no result from the page (timeout)")
        return 1
    found = problems(json.loads(text))
    print("FAIL " + "; ".join(found) if found else "PASS")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
