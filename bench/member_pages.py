#!/usr/bin/env python3
"""The JSON API's member list at 100,000 members: each sort, ascending and descending, beside the filters.

Starts the packaged service on --data-dir (a history grown by bench.ReadSideBench --data-dir), waits --settle
seconds, then asks GET /api/orgs/{org}/members for each query --calls times, one after another, each with another
offset (1, 2, ...: H2 keeps the last result of an identical query, which would time nothing), and prints each call's
seconds, the first being the first of that query since the start.

  python3 bench/member_pages.py --jar provisioning-api/target/provisioning-api.jar --data-dir /tmp/copy

See bench/README.md, "Descending member pages read from the end of their index".
"""
import argparse, base64, http.client, json, time

from service import running

PASSWORD = "bench-password-1"

QUERIES = [
    "sort=name",
    "sort=name&order=desc",
    "sort=email&order=desc",
    "sort=created&order=desc",
    "sort=name&order=desc&source=okta",
    "status=active&sort=name&order=desc",
    "status=deactivated&sort=email&order=desc",
]


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--data-dir", required=True)
    args.add_argument("--settle", type=int, default=25)
    args.add_argument("--calls", type=int, default=5)
    args.add_argument("--port", type=int, default=18094)
    options = args.parse_args()
    with running(options.jar, options.port, options.data_dir, PASSWORD):
        time.sleep(options.settle)
        organization = call(options.port, "/api/orgs")[0]["id"]
        for query in QUERIES:
            seconds = []
            for offset in range(1, options.calls + 1):
                began = time.perf_counter()
                page = call(options.port, "/api/orgs/%s/members?%s&offset=%d" % (organization, query, offset))
                seconds.append(time.perf_counter() - began)
            print("%-42s %s   (total %d)" % (query, " ".join("%.3f" % s for s in seconds), page["total"]), flush=True)


def call(port, path):
    connection = http.client.HTTPConnection("localhost", port, timeout=120)
    auth = base64.b64encode(("admin@localhost:" + PASSWORD).encode()).decode()
    connection.request("GET", path, headers={"Authorization": "Basic " + auth, "Accept": "application/json"})
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    if answer.status != 200:
        raise SystemExit("GET %s answered %d: %s" % (path, answer.status, body[:300]))
    return json.loads(body)


if __name__ == "__main__":
    main()
