#!/usr/bin/env python3
"""An Okta import of every User of a grown history: GET /Users?startIndex=1&count=100, then 101, 201, ...

Starts the packaged service on a data directory grown by ReadSideBench (its bench-history.properties names
the organization's Tenant URL and token), waits --settle seconds, pages through every User one request after
another as Okta's import does, and prints the pages, the distinct Users seen against totalResults, the whole
time and each page's p50/p99/max.

  python3 bench/okta_import.py --jar provisioning-api/target/provisioning-api.jar --data-dir /tmp/rsb-data

See bench/README.md, "SCIM's unfiltered list read from the index of its order".
"""
import argparse, http.client, json, re, sys, time

from service import read_history, running

PASSWORD = "bench-password-1"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--data-dir", required=True)
    args.add_argument("--settle", type=int, default=25)
    args.add_argument("--port", type=int, default=18093)
    options = args.parse_args()
    history = read_history(options.data_dir)
    base = re.sub(r"^https?://[^/]+", "", history["tenantUrl"])
    with running(options.jar, options.port, options.data_dir, PASSWORD):
        time.sleep(options.settle)
        import_every_user(options.port, base, history["token"])


def import_every_user(port, base, token):
    connection = http.client.HTTPConnection("localhost", port, timeout=120)
    times, seen, start, total = [], set(), 1, 0
    began = time.time()
    while True:
        asked = time.time()
        connection.request("GET", "%s/Users?startIndex=%d&count=100" % (base, start),
                           headers={"Authorization": "Bearer " + token})
        answer = connection.getresponse()
        page = json.loads(answer.read())
        times.append((time.time() - asked) * 1000)
        if answer.status != 200:
            sys.exit("page at %d answered %d: %s" % (start, answer.status, page))
        total = page["totalResults"]
        seen.update(user["id"] for user in page.get("Resources", []))
        if start + 100 > total:
            break
        start += 100
    elapsed = time.time() - began
    times.sort()
    print("%d pages, %d distinct Users of totalResults %d in %.1f s; per page p50 %.1f ms, p99 %.1f ms, max %.1f ms"
          % (len(times), len(seen), total, elapsed, times[len(times) // 2], times[int(len(times) * 0.99)], times[-1]))


if __name__ == "__main__":
    main()
