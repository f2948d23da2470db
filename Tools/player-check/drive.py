#!/usr/bin/env python3
"""Drives the hesp player page in a running headless Chromium through the DevTools protocol
(a minimal WebSocket client, standard library only): waits until the page plays, asks
window.hespPlayer for --switches switches at uneven times, reads stats(), keeps a PNG
screenshot and prints a verdict. Exit status 0 only when every check passes.

  drive.py --devtools-port-file FILE --screenshot PNG [--switches 10] [--seed 1]
           [--max-latency-ms 1000] [--max-dropped-percent 2] [--json RESULT]
"""
import argparse
import base64
import json
import os
import random
import socket
import struct
import sys
import time
import urllib.request


class DevTools:
    """One WebSocket connection to a page target; call() sends a command and waits for its answer."""

    def __init__(self, url):
        rest = url.split("://", 1)[1]
        address, path = rest.split("/", 1)
        host, port = address.split(":")
        self.socket = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.socket.sendall(
            (f"GET /{path} HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.socket.recv(4096)
            if not chunk:
                raise RuntimeError("DevTools closed the connection during the handshake")
            response += chunk
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"DevTools handshake failed: {response[:200]!r}")
        self.pending = response.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0

    def _read(self, count):
        while len(self.pending) < count:
            chunk = self.socket.recv(65536)
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            self.pending += chunk
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def _send_text(self, text):
        payload = text.encode()
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        self.socket.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _receive_text(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            data = self._read(length)
            opcode = first & 0x0F
            if opcode == 8:
                raise RuntimeError("DevTools closed the WebSocket")
            if opcode in (0, 1, 2):
                message += data
                if first & 0x80:
                    return message.decode()

    def call(self, method, **params):
        self.next_id += 1
        self._send_text(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            answer = json.loads(self._receive_text())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')} "
                               f"{result['exceptionDetails'].get('exception', {}).get('description', '')}")
        return result["result"].get("value")


def page_target(port_file, deadline):
    while time.time() < deadline:
        if os.path.exists(port_file) and os.path.getsize(port_file):
            port = open(port_file).read().split()[0]
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5))
                pages = [t for t in targets if t.get("type") == "page" and "/player/" in t.get("url", "")]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
        time.sleep(0.1)
    raise RuntimeError("no player page in Chromium's DevTools targets")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--devtools-port-file", required=True)
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--switches", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-latency-ms", type=float, default=1000)
    parser.add_argument("--max-dropped-percent", type=float, default=2)
    parser.add_argument("--json")
    parser.add_argument("--sequence", help="comma-separated track ids to switch to, in order (default: random)")
    args = parser.parse_args()
    deadline = time.time() + 60
    page = DevTools(page_target(args.devtools_port_file, deadline))
    while not page.evaluate("typeof window.hespPlayer === 'object'"):
        if time.time() > deadline:
            raise RuntimeError("the page never defined window.hespPlayer")
        time.sleep(0.05)
    page.evaluate("window.hespPlayer.ready")
    while page.evaluate("window.hespPlayer.stats().currentTime") < 0.3:
        if time.time() > deadline:
            raise RuntimeError(f"the page does not play: {page.evaluate('window.hespPlayer.stats()')}")
        time.sleep(0.05)
    tracks = page.evaluate("window.hespPlayer.tracks()")
    if len(tracks) < 2:
        raise RuntimeError(f"need at least two tracks, the manifest has {tracks}")
    chooser = random.Random(args.seed)
    problems = []
    for number in range(args.switches):
        time.sleep(chooser.uniform(0.15, 0.45))  # uneven times, mid-GOP as often as not
        stats = page.evaluate("window.hespPlayer.stats()")
        if args.sequence:
            target = args.sequence.split(",")[number % len(args.sequence.split(","))]
        else:
            target = chooser.choice([t for t in tracks if t != stats["currentTrack"]])
        landed = len(stats["switches"])
        page.evaluate(f"window.hespPlayer.switchTo({json.dumps(target)}), true")
        until = time.time() + 5
        while len(page.evaluate("window.hespPlayer.stats()")["switches"]) == landed and time.time() < until:
            time.sleep(0.02)
        if len(page.evaluate("window.hespPlayer.stats()")["switches"]) == landed:
            problems.append(f"switch {number + 1} to {target} did not land within 5 s")
    time.sleep(0.5)
    stats = page.evaluate("window.hespPlayer.stats()")
    shot = page.call("Page.captureScreenshot", format="png")
    with open(args.screenshot, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))
    latencies = [s["latencyMs"] for s in stats["switches"]]
    for s in stats["switches"]:
        if s["latencyMs"] > args.max_latency_ms:
            problems.append(f"switch {s['from']} -> {s['to']} at frame {s['frame']} took {s['latencyMs']} ms")
    total, dropped = stats["totalVideoFrames"], stats["droppedVideoFrames"]
    if total == 0 or dropped > total * args.max_dropped_percent / 100:
        problems.append(f"{dropped} of {total} frames dropped (limit {args.max_dropped_percent} %)")
    problems += [f"page error: {e}" for e in stats["errors"]]
    if len(latencies) < args.switches:
        problems.append(f"{len(latencies)} switches landed of {args.switches}")
    result = {"stats": stats, "latenciesMs": latencies, "problems": problems}
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    for s in stats["switches"]:
        print(f"switch {s['from']:>6} -> {s['to']:<6} at frame {s['frame']:>4}: {s['latencyMs']:7.1f} ms")
    if latencies:
        ordered = sorted(latencies)
        print(f"{len(latencies)} switches: median {ordered[len(ordered) // 2]:.1f} ms, max {ordered[-1]:.1f} ms; "
              f"{dropped} of {total} frames dropped; {len(stats['errors'])} errors; screenshot {args.screenshot}")
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
