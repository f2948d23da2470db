#!/usr/bin/env python3
"""Verdict on one splice.html result (JSON in argv[1]): prints PASS or FAIL with the reasons,
exit status 0 only on PASS. A splice passes when playback reached the end, the buffer is one
range starting at the init packet's frame, the first frame presented is the init packet's,
every appended frame was decoded and getVideoPlaybackQuality() counts no dropped or corrupted
frame. Appended frames that requestVideoFrameCallback did not report are listed as a note."""
import json
import sys


def problems(result):
    """(failures, notes) of one result."""
    found = list(result["errors"])
    notes = []
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
    first = result.get("firstPresentedSeconds")
    if start is not None and (first is None or abs(first - start) > 0.001):
        found.append(f"the first frame presented is at {first} s, not the splice frame at {start} s")
    missing = result.get("notPresentedSeconds") or []
    if missing:
        # requestVideoFrameCallback is best-effort (a busy page misses callbacks): a note only.
        shown = ", ".join(f"{t:.3f}" for t in missing[:10]) + (" ..." if len(missing) > 10 else "")
        notes.append(f"{len(missing)} appended frames not seen by requestVideoFrameCallback (at {shown} s)")
    if result["droppedVideoFrames"]:
        found.append(f"{result['droppedVideoFrames']} frames dropped")
    if result["corruptedVideoFrames"]:
        found.append(f"{result['corruptedVideoFrames']} frames corrupted")
    return found, notes


def main():
    text = sys.argv[1] if len(sys.argv) > 1 else ""
    if not text.strip():
        print("FAIL no result from the page (timeout)")
        return 1
    found, notes = problems(json.loads(text))
    print(("FAIL " + "; ".join(found + notes)) if found else ("PASS" + "".join(f" (note: {n})" for n in notes)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
