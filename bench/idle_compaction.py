#!/usr/bin/env python3
"""The H2 file compacted while the service is idle, and what a SCIM write meets when it comes during a step.

Starts the packaged service on --data-dir (a directory whose H2 file an Okta push grew, e.g. one that
bench/rebuild_after_push.py --data-dir left), with the start's compaction off and the idle one set to begin
after --idle-after. Takes new SCIM credentials, warms the write path with 200 SCIM creates, then, from the
moment the service logs that it begins compacting, sends SCIM POST /Users one after another for --seconds,
and prints: the file's size before and after, the service's own compaction lines, and the latency of each
create (the first, p50, p99, the slowest five with their time from the start).

The data directory is changed (compacted, and written to): give it a copy.

  python3 bench/rebuild_after_push.py --jar provisioning-api/target/provisioning-api.jar --users 30000 \\
      --rebuilds 0 --data-dir /tmp/pushed
  cp -r /tmp/pushed /tmp/pushed-copy
  python3 bench/idle_compaction.py --jar provisioning-api/target/provisioning-api.jar --data-dir /tmp/pushed-copy

See bench/README.md, "While the service is idle".
"""
import argparse, base64, http.client, json, os, statistics, sys, time

from service import running

PASSWORD = "bench-password-1"
ADMIN = "Basic " + base64.b64encode(("admin@localhost:" + PASSWORD).encode()).decode()
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"


def call(port, method, path, body=None, auth=ADMIN, content_type="application/json"):
    connection = http.client.HTTPConnection("localhost", port, timeout=60)
    headers = {"Authorization": auth}
    if body is not None:
        headers["Content-Type"] = content_type
    connection.request(method, path, None if body is None else json.dumps(body), headers)
    response = connection.getresponse()
    return response.status, response.read()


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--data-dir", required=True)
    args.add_argument("--idle-after", default="20s")
    args.add_argument("--seconds", type=float, default=8)
    args.add_argument("--port", type=int, default=18093)
    options = args.parse_args()
    file = os.path.join(options.data_dir, "provisioning.mv.db")
    log_path = os.path.join(options.data_dir, "service.log")
    print("file before the start: %d MB" % (os.path.getsize(file) // 2**20), flush=True)
    os.environ["PROVISIONING_H2_COMPACT_AT_START"] = "false"
    os.environ["PROVISIONING_H2_COMPACT_IDLE_AFTER"] = options.idle_after
    with running(options.jar, options.port, options.data_dir, PASSWORD):
        org = json.loads(call(options.port, "GET", "/api/orgs")[1])[0]["id"]
        status, body = call(options.port, "POST", "/api/orgs/%s/provisioning/credentials" % org, {})
        if status != 200:
            sys.exit("new credentials: %d %s" % (status, body[:200]))
        credentials = json.loads(body)
        tenant = "/" + credentials["tenantUrl"].split("/", 3)[3]
        bearer = "Bearer " + credentials["secretToken"]

        def create(name):
            began = time.time()
            status, _ = call(options.port, "POST", tenant + "/Users", {"schemas": [USER_SCHEMA], "userName": name},
                             bearer, "application/scim+json")
            if status != 201:
                sys.exit("SCIM create %s: %d" % (name, status))
            return began, (time.time() - began) * 1000

        run = "%x" % int(time.time())
        for number in range(200):
            create("warm-%s-%d@example.com" % (run, number))
        print("warmed; waiting for the compaction to begin", flush=True)
        while "compacting it in steps" not in open(log_path).read():
            time.sleep(0.02)
        start, latencies = time.time(), []
        while time.time() - start < options.seconds:
            began, millis = create("during-%s-%d@example.com" % (run, len(latencies)))
            latencies.append((began - start, millis))
        time.sleep(2)
        ordered = sorted(millis for _, millis in latencies)
        print("creates during %.0f s: %d, first %.1f ms, p50 %.1f ms, p99 %.1f ms" % (
            options.seconds, len(latencies), latencies[0][1], statistics.median(ordered),
            ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]))
        print("slowest: " + ", ".join("%.1f ms at %.2f s" % (millis, at)
                                      for at, millis in sorted(latencies, key=lambda l: -l[1])[:5]))
        for line in open(log_path):
            if "H2IdleCompaction" in line:
                print(line.rstrip().split(" : ", 1)[-1])
    print("file after the stop: %d MB" % (os.path.getsize(file) // 2**20))


if __name__ == "__main__":
    main()
