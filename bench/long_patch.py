#!/usr/bin/env python3
"""What a SCIM PATCH of many operations on one User costs, and an Entra ID update of that User once it is large.

Starts the packaged service on a fresh data directory, switches provisioning on over the JSON API, and for each of
--rounds Users: creates it, then sends it one PATCH of --operations adds of one phone number each, one of
--operations adds of one email each, and one of Entra ID's delta-sync shape (filtered replaces, a "True" string) on
the User those left with a thousand of each. Prints the median and the range of each kind, the first two rounds
(warm-up) not counted. Every operation of a PATCH applies to what the ones before it left, so a long PATCH of one
attribute costs more than its operations alone.

  python3 bench/long_patch.py --jar provisioning-api/target/provisioning-api.jar

See bench/README.md, "A PATCH's later operations find values as they are kept".
"""
import argparse, http.client, json, statistics, tempfile, time

from service import running, send, switched_on

PASSWORD = "bench-password-1"
SCIM = "application/scim+json"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--rounds", type=int, default=12)
    args.add_argument("--operations", type=int, default=1000)
    args.add_argument("--port", type=int, default=18094)
    options = args.parse_args()
    with running(options.jar, options.port, tempfile.mkdtemp(prefix="long-patch-bench-"), PASSWORD):
        measure(options.port, options.rounds, options.operations)


def operation(op, path, value):
    return {"op": op, "path": path, "value": value}


def measure(port, rounds, operations):
    connection = http.client.HTTPConnection("localhost", port)
    base, scim = switched_on(connection, PASSWORD)

    kinds = {
        "%d phone adds" % operations: lambda n: [
            operation("add", "phoneNumbers", [{"value": "+1 555 %04d" % i}]) for i in range(operations)],
        "%d email adds" % operations: lambda n: [
            operation("add", "emails", [{"value": "e%d@example.com" % i, "type": "other"}]) for i in range(operations)],
        "Entra update": lambda n: [
            operation("Replace", "emails[type eq \"work\"].value", "w%d@example.com" % n),
            operation("Replace", "emails[type eq \"work\"].primary", "True"),
            operation("Replace", "displayName", "Long Patch %d" % n),
            operation("Replace", "phoneNumbers[type eq \"work\"].value", "+1 425 555 0100"),
            operation("Replace", "active", "True")],
    }
    times = {kind: [] for kind in kinds}
    for n in range(rounds):
        user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "long-%d@example.com" % n,
                "active": True, "emails": [{"value": "long-%d@example.com" % n, "type": "work", "primary": True}]}
        status, body = send(connection, "POST", base + "/Users", user, scim, SCIM)
        assert status == 201, body
        path = base + "/Users/" + json.loads(body)["id"]
        for kind, ops in kinds.items():
            patch = {"schemas": [PATCH_OP], "Operations": ops(n)}
            started = time.perf_counter()
            status, body = send(connection, "PATCH", path, patch, scim, SCIM)
            took = (time.perf_counter() - started) * 1000
            assert status == 200, body
            if n >= 2:
                times[kind].append(took)
    print("SCIM PATCH /Users/{id}, one after another, %d rounds (the first 2 not counted)" % rounds)
    for kind, measured in times.items():
        print("  %-18s median %6.0f ms  min %6.0f ms  max %6.0f ms" % (
            kind, statistics.median(measured), min(measured), max(measured)))


if __name__ == "__main__":
    main()
