#!/usr/bin/env python3
"""A full rebuild while an Okta push goes on and never pauses: does it switch while the writes go on, and how long
do the writes wait for it?

Starts the packaged service on a new data directory (or, with --postgres-url, on that PostgreSQL database, which
must be empty: the postgres profile), switches provisioning on, creates --users Users through SCIM as a history,
then starts --writers SCIM clients that create Users (POST /Users) one after another without a pause, asks for a
fresh rebuild (POST /api/admin/rebuild?fresh=true) once they run, and polls its progress every 0.2 s until it ends
(or --timeout). The writers stop 2 s after it ends. The data directory is deleted after a run that ended. Prints the
rebuild's own account (status, events, the time of each phase), the most events its progress showed still to apply
while it caught up, and the writes made while it ran: how many, their statuses, their rate, p50/p99/max latency.

  python3 bench/rebuild_under_writes.py --jar provisioning-api/target/provisioning-api.jar
  python3 bench/rebuild_under_writes.py --jar provisioning-api/target/provisioning-api.jar \\
      --postgres-url jdbc:postgresql://localhost:5432/rebuild_bench

See bench/README.md, "A rebuild under writes that never pause".
"""
import argparse, base64, http.client, json, os, shutil, tempfile, threading, time

from service import running, send, switched_on

PASSWORD = "bench-password-1"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--port", type=int, default=18490)
    args.add_argument("--users", type=int, default=3000, help="Users created before the rebuild, as its history")
    args.add_argument("--writers", type=int, default=4, help="SCIM clients creating Users during the rebuild")
    args.add_argument("--timeout", type=float, default=300, help="seconds the rebuild may take before giving up")
    args.add_argument("--postgres-url", help="a JDBC URL of an empty PostgreSQL database (user/password provisioning)")
    args = args.parse_args()

    data_dir = tempfile.mkdtemp(prefix="rebuild-under-writes-")
    if args.postgres_url:
        os.environ.update(SPRING_PROFILES_ACTIVE="postgres", PROVISIONING_DB_URL=args.postgres_url)
    print("store: %s" % (args.postgres_url or "embedded H2 in " + data_dir))
    with running(args.jar, args.port, data_dir, PASSWORD, ["-Xmx2g"]):
        connection = http.client.HTTPConnection("localhost", args.port, timeout=120)
        base, scim = switched_on(connection, PASSWORD)
        operator = {"Authorization": "Basic " + base64.b64encode(("admin@localhost:" + PASSWORD).encode()).decode()}

        counter = iter(range(10**9))
        lock = threading.Lock()

        def next_user():
            with lock:
                return next(counter)

        def create(session):
            n = next_user()
            body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "u%07d@bench.example" % n,
                    "name": {"givenName": "User", "familyName": "%07d" % n},
                    "emails": [{"value": "u%07d@bench.example" % n, "type": "work", "primary": True}],
                    "active": True}
            began = time.monotonic()
            status, _ = send(session, "POST", base + "/Users", body, scim, "application/scim+json")
            return status, time.monotonic() - began, time.monotonic()

        began = time.monotonic()
        history = []

        def push(count):
            session = http.client.HTTPConnection("localhost", args.port, timeout=120)
            for _ in range(count):
                try:
                    history.append(create(session)[0])
                except OSError:
                    # the server closed a kept-alive connection: one User fewer, on a new connection
                    session = http.client.HTTPConnection("localhost", args.port, timeout=120)

        threads = [threading.Thread(target=push, args=(args.users // args.writers,)) for _ in range(args.writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print("history: %d Users created in %.1f s (%s)" % (len(history), time.monotonic() - began,
                                                           dict(sorted(count_of(history).items()))))

        writing = threading.Event()
        writing.set()
        writes = []

        def write():
            session = http.client.HTTPConnection("localhost", args.port, timeout=120)
            while writing.is_set():
                try:
                    writes.append(create(session))
                except OSError as e:
                    writes.append(("error " + type(e).__name__, 0, time.monotonic()))
                    session = http.client.HTTPConnection("localhost", args.port, timeout=120)

        writers = [threading.Thread(target=write) for _ in range(args.writers)]
        for writer in writers:
            writer.start()
        time.sleep(2)
        started = time.monotonic()
        def ask(method, path):
            nonlocal connection
            try:
                return send(connection, method, path, None, operator)
            except OSError:
                # the server closed a kept-alive connection: asked again on a new one
                connection = http.client.HTTPConnection("localhost", args.port, timeout=120)
                return send(connection, method, path, None, operator)

        status, body = ask("POST", "/api/admin/rebuild?fresh=true")
        rebuild = json.loads(body)
        print("rebuild asked: %d, %d writers creating Users" % (status, args.writers))
        most_left = 0
        progress = rebuild
        while progress["status"] == "RUNNING" and time.monotonic() - started < args.timeout:
            time.sleep(0.2)
            status, body = ask("GET", "/api/admin/rebuild/" + rebuild["id"])
            progress = json.loads(body)
            if progress["phase"] == "Catching up":
                most_left = max(most_left, progress["eventsTotal"] - progress["eventsDone"])
        ended = time.monotonic()
        writes_at_end = len(writes)
        time.sleep(2)
        went_on = len(writes) - writes_at_end
        writing.clear()
        for writer in writers:
            writer.join()

        print("rebuild: %s after %.1f s%s, %d events, verified=%s" % (
            progress["status"], ended - started,
            " (gave up waiting)" if progress["status"] == "RUNNING" else "", progress["eventsDone"],
            progress.get("verified")))
        print("  phases: " + ", ".join("%s %.1f s (%d events)" % (phase["name"], phase["millis"] / 1000,
                                                                 phase["events"]) for phase in progress["phases"]))
        print("  most events shown still to apply while catching up: %d" % most_left)
        during = [w for w in writes if started <= w[2] <= ended]
        latencies = sorted(w[1] for w in during)
        print("writes while it ran: %d (%s), %.0f/s; latency p50 %.0f ms, p99 %.0f ms, max %.0f ms" % (
            len(during), dict(sorted(count_of(w[0] for w in during).items())), len(during) / max(0.001, ended - started),
            1000 * percentile(latencies, 0.5), 1000 * percentile(latencies, 0.99), 1000 * (latencies[-1] if latencies else 0)))
        print("writes in the 2 s after it ended (the writers still running): %d" % went_on)
    # kept when the run failed: its service.log says why
    shutil.rmtree(data_dir, ignore_errors=True)


def count_of(statuses):
    counts = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts


def percentile(values, fraction):
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else 0


if __name__ == "__main__":
    main()
