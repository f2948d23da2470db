#!/usr/bin/env python3
"""Checks a `hesp package` output with the ffmpeg CLI (the issue's "done when" list).

Usage: Tools/check-package.py OUT [--step N] [--exact]

Per track:
  * ffprobe reads header.mp4 + content-0.m4s;
  * header.mp4 + every content-<s>.m4s decodes with `ffmpeg -v error` silent, every frame;
  * every N-th init packet n: init-n.m4s + the continuation from its emsg (index, offset)
    decodes silent, frame n first, with the continuation's timestamps; PSNR-Y of the splice
    vs the normal decode over the rest of n's GOP (ffmpeg's psnr filter, MSE-averaged);
    with --exact the spliced frames must be bit-identical (--init-lossless packages).
Prints one line per track; exits 1 on any failure.
"""
import json, os, re, subprocess, sys, tempfile

def run(args, text=True):
    return subprocess.run(args, capture_output=True, text=text)

def pts_list(path):
    out = run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts",
               "-of", "csv=p=0", path]).stdout
    return sorted(int(x) for x in out.split() if x.strip().lstrip("-").isdigit())

def frame_hashes(path):
    out = run(["ffmpeg", "-v", "error", "-i", path, "-f", "framemd5", "-"]).stdout
    return [line.split(",")[-1].strip() for line in out.splitlines() if line and not line.startswith("#")]

def main():
    args = sys.argv[1:]
    out = args[0]
    step = int(args[args.index("--step") + 1]) if "--step" in args else 1
    exact = "--exact" in args
    index = json.load(open(os.path.join(out, "frame-index.json")))
    failures = 0
    scratch = tempfile.TemporaryDirectory(prefix="hesp-check-")
    tmp = scratch.name
    for track in index["tracks"]:
        tdir = os.path.join(out, "video", track["id"])
        read = lambda name: open(os.path.join(tdir, name), "rb").read()
        header = read("header.mp4")
        segments = {s["id"]: read(f"content-{s['id']}.m4s") for s in track["segments"]}
        problems = []
        one = os.path.join(tmp, "one.mp4")
        open(one, "wb").write(header + segments[0])
        probe = run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", one])
        if probe.returncode or probe.stderr:
            problems.append("ffprobe header+content-0: " + probe.stderr.strip())
        full = os.path.join(tmp, "full.mp4")
        open(full, "wb").write(header + b"".join(segments[k] for k in sorted(segments)))
        dec = run(["ffmpeg", "-v", "error", "-i", full, "-f", "null", "-"])
        normal_pts = pts_list(full)
        if dec.returncode or dec.stderr:
            problems.append("full decode: " + dec.stderr.strip()[:200])
        if len(normal_pts) != index["frameCount"]:
            problems.append(f"full decode has {len(normal_pts)} frames, expected {index['frameCount']}")
        normal_hashes = frame_hashes(full) if exact else None
        frames = track["frames"]
        psnrs = []
        checked = 0
        for n in range(0, index["frameCount"], step):
            if frames[n]["initPacketByteCount"] == 0:
                continue
            packet = read(f"init-{n}.m4s")
            m = re.search(rb'\{"index":(\d+),"offset":(\d+)\}', packet)
            last = not m and b"initdata\x00" in packet and b"{}" in packet and n == index["frameCount"] - 1
            if not m and not last:
                problems.append(f"init-{n}: no initdata"); continue
            spliced = os.path.join(tmp, "splice.mp4")
            if last:  # the last frame's packet carries {}: nothing follows it
                rest = b""
            else:
                seg, off = int(m.group(1)), int(m.group(2))
                rest = segments[seg][off:] + b"".join(segments[k] for k in sorted(segments) if k > seg)
            open(spliced, "wb").write(packet + rest)
            d = run(["ffmpeg", "-v", "error", "-i", spliced, "-f", "null", "-"])
            if d.returncode or d.stderr:
                problems.append(f"init-{n}: {d.stderr.strip()[:200]}"); continue
            if pts_list(spliced) != normal_pts[n:]:
                problems.append(f"init-{n}: timestamps differ from the continuation's"); continue
            checked += 1
            if exact:
                if frame_hashes(spliced) != normal_hashes[n:]:
                    problems.append(f"init-{n}: not bit-exact")
                continue
            nxt = next((k for k in range(n + 1, index["frameCount"]) if frames[k]["isKeyframe"]), index["frameCount"])
            gop = nxt - n
            filt = (f"[0:v]trim=end_frame={gop},setpts=PTS-STARTPTS[a];"
                    f"[1:v]trim=start_frame={n}:end_frame={nxt},setpts=PTS-STARTPTS[b];[a][b]psnr")
            p = run(["ffmpeg", "-v", "info", "-i", spliced, "-i", full, "-filter_complex", filt, "-f", "null", "-"])
            m = re.search(r"PSNR y:(\S+)", p.stderr)
            value = float("inf") if m and m.group(1) == "inf" else float(m.group(1)) if m else None
            if value is None:
                problems.append(f"init-{n}: no PSNR"); continue
            psnrs.append(value)
            if value < 40:
                problems.append(f"init-{n}: PSNR-Y {value:.2f} dB over {gop} frames < 40")
        finite = [v for v in psnrs if v != float("inf")]
        summary = (f"{track['id']}: full decode {len(normal_pts)} frames silent={not dec.stderr}, "
                   f"{checked} splices checked")
        if exact:
            summary += ", bit-exact" if not problems else ""
        elif psnrs:
            summary += (f", splice PSNR-Y over rest of GOP: mean {sum(finite) / max(1, len(finite)):.2f} dB, "
                        f"min {min(psnrs):.2f} dB ({len(psnrs) - len(finite)} exact)")
        print(summary)
        for problem in problems[:10]:
            print("  FAIL " + problem)
        failures += len(problems)
    sys.exit(1 if failures else 0)

main()
