#!/usr/bin/env python3
"""One-edit latency of `veille serve`: save → the new text served over HTTP.

    python3 bench/serve_edit.py VEILLE_BINARY SITE_ROOT [EDITS=5]

Starts `serve` on SITE_ROOT (a built or unbuilt site), waits for the first build, then edits
EDITS articles one after the other (a new sentence at the end of the body) and, after each save,
polls the article's page until the sentence is served. Prints one latency per edit and the
median, in seconds. Not a test: figures depend on the machine. The articles are restored after.
"""
import glob
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


def main():
    binary, root = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve", "--root", root, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        started = time.monotonic()
        while get(base) is None:
            if server.poll() is not None or time.monotonic() - started > 600:
                sys.exit("serve did not start")
            time.sleep(0.05)
        print(f"first build served after {time.monotonic() - started:.2f} s")
        files = sorted(glob.glob(os.path.join(root, "content", "*.md")))
        picks = [files[(i * 7919) % len(files)] for i in range(edits)]
        latencies = []
        for n, path in enumerate(picks):
            original = open(path, encoding="utf-8").read()
            marker = f"Phrase ajoutée numéro {n} {time.time_ns()}."
            slug = os.path.splitext(os.path.basename(path))[0]
            url = f"{base}articles/{slug}.html"
            try:
                time.sleep(2)  # a save well apart from the previous build (and the restore)
                saved = time.monotonic()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original.rstrip("\n") + "\n\n" + marker + "\n")
                while marker not in (get(url) or ""):
                    if time.monotonic() - saved > 60:
                        sys.exit(f"{url}: edit not served after 60 s")
                    time.sleep(0.01)
                latencies.append(time.monotonic() - saved)
                print(f"edit {n + 1}: {latencies[-1]:.3f} s")
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
        print(f"median one-edit latency: {statistics.median(latencies):.3f} s")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
