#!/usr/bin/env python3
"""Loopback-only HTTP server for the browser check.

Serves ROOT (a hesp package) at /, the check page at /check/ and the player's scripts (the one
ISO-BMFF reader, mp4.js) at /player/, answers Range requests with
206 (as a HESP origin does for the first continuation request), and stores the JSON the page
POSTs to /result in --result. Writes the chosen port to --port-file (port 0 = any free port).
"""
import argparse
import http.server
import os
import re
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--page-dir", required=True)
    parser.add_argument("--player-dir", required=True, help="the player's scripts (hespMP4), at /player/")
    parser.add_argument("--result", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    root = os.path.realpath(args.root)
    page_dir = os.path.realpath(args.page_dir)
    player_dir = os.path.realpath(args.player_dir)

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format, *values):
            sys.stderr.write("serve: " + (format % values) + "\n")

        def local_path(self):
            path = self.path.split("?", 1)[0]
            if path.startswith("/check/"):
                base, rel = page_dir, path[len("/check/"):]
            elif path.startswith("/player/"):
                base, rel = player_dir, path[len("/player/"):]
            else:
                base, rel = root, path.lstrip("/")
            full = os.path.realpath(os.path.join(base, rel))
            if full != base and not full.startswith(base + os.sep):
                return None
            return full

        def do_GET(self):
            full = self.local_path()
            if full is None or not os.path.isfile(full):
                self.send_error(404)
                return
            with open(full, "rb") as handle:
                data = handle.read()
            status, start, end = 200, 0, len(data)
            match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
            if match:
                start = int(match.group(1))
                if match.group(2):
                    end = min(end, int(match.group(2)) + 1)
                if start >= len(data):
                    self.send_error(416)
                    return
                status = 206
            self.send_response(status)
            types = {".html": "text/html", ".js": "text/javascript", ".json": "application/json"}
            self.send_header("Content-Type", types.get(os.path.splitext(full)[1], "video/mp4"))
            self.send_header("Content-Length", str(end - start))
            self.send_header("Cache-Control", "no-store")
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(data)}")
            self.end_headers()
            self.wfile.write(data[start:end])

        def do_POST(self):
            if self.path != "/result":
                self.send_error(404)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with open(args.result + ".tmp", "wb") as handle:
                handle.write(body)
            os.replace(args.result + ".tmp", args.result)
            self.send_response(204)
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    with open(args.port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
