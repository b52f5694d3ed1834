#!/usr/bin/env python3
"""How long after a write its row is on the Activity timeline.

Starts the packaged service on a fresh data directory, then, as a script would, creates a team
through the JSON API and at once asks for the newest page of the timeline, which waits for the
rows of the changes made before it: the time that read takes is how far the Activity processor
trails a write. Prints p50/p90/max over --writes writes (after --warmup of them).

    python3 bench/activity_lag.py --jar provisioning-api/target/provisioning-api.jar
"""
import argparse
import base64
import json
import shutil
import statistics
import tempfile
import time
import urllib.request

from service import running


def call(base, auth, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", auth)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", required=True)
    parser.add_argument("--port", type=int, default=18095)
    parser.add_argument("--writes", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="activity-lag-")
    password = "lag-password-1"
    base = "http://localhost:%d" % args.port
    auth = "Basic " + base64.b64encode(("admin@localhost:" + password).encode()).decode()
    try:
        with running(args.jar, args.port, data_dir, password):
            organizations = call(base, auth, "GET", "/api/orgs")
            items = organizations["items"] if isinstance(organizations, dict) else organizations
            measure(base, auth, items[0]["id"], args.warmup, args.writes)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def measure(base, auth, org, warmup, writes):
    lags = []
    for i in range(warmup + writes):
        name = "Lag %d %d" % (i, time.time_ns())
        call(base, auth, "POST", "/api/orgs/%s/teams" % org, {"name": name})
        started = time.perf_counter()
        page = call(base, auth, "GET", "/api/orgs/%s/activity?limit=1" % org)
        took = (time.perf_counter() - started) * 1000
        if name not in json.dumps(page):
            print("write %d: its row was not on the newest page" % i)
        if i >= warmup:
            lags.append(took)
        time.sleep(0.05)
    lags.sort()
    print("newest page read right after a write, %d writes: p50 %.1f ms  p90 %.1f ms  max %.1f ms" % (
        len(lags), statistics.median(lags), lags[int(len(lags) * 0.9) - 1], lags[-1]))

if __name__ == "__main__":
    main()
