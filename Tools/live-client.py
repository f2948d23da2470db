#!/usr/bin/env python3
"""A HESP live client for checks: joins each track at `init-now`, reads the continuation it
points at (Range from the init packet's offset, then the following segments) over held-open
chunked responses, and measures every chunk: it must be `prft` + `moof` + `mdat`, and its
capture-to-arrival latency is the arrival time of the chunk's last byte minus the prft's NTP
time (same machine, same clock). Prints one JSON document.

usage: live-client.py BASE_URL [--name live] [--seconds S] [--tracks 720p,480p]
"""
import argparse
import http.client
import json
import struct
import threading
import time
import urllib.parse

NTP_EPOCH_OFFSET = 2208988800


def boxes(data):
    """Top-level (type, start, end) of complete boxes in data, and where the incomplete tail starts."""
    out, pos = [], 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            if pos + 16 > len(data):
                break
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
            header = 16
        if size < header or pos + size > len(data):
            break
        out.append((kind.decode("latin-1"), pos, pos + size))
        pos += size
    return out, pos


def get(url, headers=None):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", parts.path, headers=headers or {})
    return connection, connection.getresponse()


def init_data(packet):
    for kind, start, end in boxes(packet)[0]:
        if kind != "emsg":
            continue
        body = packet[start + 12:end]
        scheme_end = body.index(b"\0")
        value_end = body.index(b"\0", scheme_end + 1)
        if body[:scheme_end] == b"urn:theo:hesp:2020" and body[scheme_end + 1:value_end] == b"initdata":
            message = json.loads(body[value_end + 1 + 16:])
            return message["index"], message.get("offset", 0)
    raise ValueError("no initdata emsg")


def read_track(base, name, track, seconds, result):
    try:
        follow_track(base, name, track, seconds, result)
    except (OSError, http.client.HTTPException, ValueError) as error:
        result["error"] = f"{type(error).__name__}: {error}"


def follow_track(base, name, track, seconds, result):
    started = time.time()
    connection, response = get(f"{base}/{name}/video/{track}/init-now.m4s")
    packet = response.read()
    connection.close()
    if response.status != 200:
        result.update(error=f"init-now: HTTP {response.status}")
        return
    segment, offset = init_data(packet)
    result.update(joinedAt=response.getheader("Content-Location"), chunks=0, missingPrft=0, latenciesMs=[],
                  statuses=[], perSecond={})
    pending_prft = None
    while time.time() - started < seconds:
        headers = {"Range": f"bytes={offset}-9007199254740991"} if offset else {}
        connection, response = get(f"{base}/{name}/video/{track}/content-{segment}.m4s", headers)
        result["statuses"].append(response.status)
        if response.status not in (200, 206):
            connection.close()
            break
        buffer = b""
        while True:
            piece = response.read1(65536)
            if not piece:
                break
            arrived = time.time()
            buffer += piece
            complete, tail = boxes(buffer)
            for kind, start, end in complete:
                if kind == "prft":
                    version = buffer[start + 8]
                    ntp = struct.unpack(">Q", buffer[start + 16:start + 24])[0]
                    pending_prft = (ntp >> 32) - NTP_EPOCH_OFFSET + (ntp & 0xFFFFFFFF) / 2**32
                elif kind == "moof":
                    if pending_prft is None:
                        result["missingPrft"] += 1
                elif kind == "mdat":
                    result["chunks"] += 1
                    second = str(int(arrived - started))
                    result["perSecond"][second] = result["perSecond"].get(second, 0) + 1
                    if pending_prft is not None:
                        result["latenciesMs"].append((arrived - pending_prft) * 1000)
                    pending_prft = None
            buffer = buffer[tail:]
        connection.close()
        segment, offset = segment + 1, 0


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, int(fraction * len(ordered) + 0.999999) - 1))], 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--name", default="live")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--tracks", default="")
    arguments = parser.parse_args()
    connection, response = get(f"{arguments.base}/{arguments.name}/manifest.json")
    manifest = json.loads(response.read())
    connection.close()
    tracks = [t["id"] for t in manifest["presentations"][0]["video"][0]["tracks"]]
    if arguments.tracks:
        tracks = arguments.tracks.split(",")
    results = {track: {} for track in tracks}
    threads = [threading.Thread(target=read_track, args=(arguments.base, arguments.name, track, arguments.seconds,
                                                         results[track])) for track in tracks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = {"streamType": manifest.get("streamType"), "tracks": {}}
    for track, result in results.items():
        latencies = result.pop("latenciesMs", [])
        per_second = result.pop("perSecond", {})
        # Whole seconds only: the first and last may be partial.
        full = [count for second, count in sorted(per_second.items(), key=lambda kv: int(kv[0]))][1:-1]
        result.update(captureToArrivalMs={"p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
                                          "max": round(max(latencies), 1) if latencies else None},
                      chunksPerSecond={"min": min(full) if full else None, "max": max(full) if full else None,
                                       "mean": round(sum(full) / len(full), 1) if full else None})
        report["tracks"][track] = result
    print(json.dumps(report, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
