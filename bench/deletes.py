#!/usr/bin/env python3
"""What a SCIM DELETE /Users/{id} costs, for a User in no Group and for one in several.

Starts the packaged service on a fresh data directory, switches provisioning on over the JSON API,
pushes --users Users over SCIM as Okta does, puts every second one in --groups Groups (each Group
pushed with its members), then deletes every User one after another and prints the p50/p99 latency
of the deletes, apart for Users in no Group and Users in --groups Groups. Entra ID deletes Users (after
its soft-delete period); Okta deactivates by default.

  python3 bench/deletes.py --jar provisioning-api/target/provisioning-api.jar --users 2000 --groups 5

See bench/README.md, "A deleted member leaves its teams on their record".
"""
import argparse, http.client, json, tempfile, time

from service import running, send, switched_on

PASSWORD = "bench-password-1"
SCIM = "application/scim+json"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--users", type=int, default=2000)
    args.add_argument("--groups", type=int, default=5)
    args.add_argument("--port", type=int, default=18092)
    options = args.parse_args()
    with running(options.jar, options.port, tempfile.mkdtemp(prefix="deletes-bench-"), PASSWORD):
        measure(options.port, options.users, options.groups)


def measure(port, users, groups):
    connection = http.client.HTTPConnection("localhost", port)
    base, scim = switched_on(connection, PASSWORD)

    ids = []
    for n in range(users):
        user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "leaver-%d@example.com" % n,
                "name": {"givenName": "Lea", "familyName": "Ver %d" % n}, "active": True,
                "emails": [{"value": "leaver-%d@example.com" % n, "primary": True, "type": "work"}]}
        status, body = send(connection, "POST", base + "/Users", user, scim, SCIM)
        assert status == 201, body
        ids.append(json.loads(body)["id"])
    grouped = ids[1::2]
    for g in range(groups):
        group = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Group %d" % g,
                 "members": [{"value": i} for i in grouped]}
        status, body = send(connection, "POST", base + "/Groups", group, scim, SCIM)
        assert status == 201, body

    in_none, in_groups = [], []
    for n, user_id in enumerate(ids):
        started = time.perf_counter()
        status, body = send(connection, "DELETE", base + "/Users/" + user_id, headers=scim)
        took = (time.perf_counter() - started) * 1000
        assert status == 204, body
        (in_groups if n % 2 else in_none).append(took)
    print("SCIM DELETE /Users/{id}, one after another, %d Users (every second one in %d Groups)" % (users, groups))
    for label, times in (("in no Group", in_none), ("in %d Groups" % groups, in_groups)):
        # the first tenth warms the service up and is not counted
        measured = sorted(times[len(times) // 10:])
        print("  %-14s %5d deletes  p50 %7.2f ms  p99 %7.2f ms" % (
            label, len(measured), measured[len(measured) // 2], measured[min(len(measured) - 1, len(measured) * 99 // 100)]))


if __name__ == "__main__":
    main()
