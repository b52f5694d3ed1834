#!/usr/bin/env python3
"""A full rebuild on a history of the size an Okta push makes, from a service started afresh.

Starts the packaged service on a new data directory, pushes --users Users (and 10 groups) through SCIM
with the Okta push load generator (bench/target/scim-bench.jar), waits --settle seconds, then asks for
--rebuilds full rebuilds in a row (POST /api/admin/rebuild, polled until it ends) and prints, for each,
the service's own account: status, events, events/s, what was replaced, and the time of each phase.
The first rebuild after a start is the one the JIT has not compiled yet. Under each rebuild, on Linux, what the
service's threads spent in it (from /proc/<pid>/task/*/stat): CPU seconds, user + system, and minor page faults
(memory touched for the first time: a JVM growing its heap pays them; --java-options "-Xms2g -Xmx2g
-XX:+AlwaysPreTouch" gives it a fixed heap, touched at the start).

With --data-dir, the service starts on that directory instead, and pushes nothing when it already holds
a history: one this script pushed there before (it leaves bench-pushed.properties beside it), or one
bench.ReadSideBench --data-dir grew (100,000 members, 220,004 events); its --settle (25 s there) lets the
service's start-up work end first.

  cd bench && mvn -B -q package && cd ..
  python3 bench/rebuild_after_push.py --jar provisioning-api/target/provisioning-api.jar --users 20000
  python3 bench/rebuild_after_push.py --jar provisioning-api/target/provisioning-api.jar --data-dir /tmp/rsb-data

See bench/README.md, "The rebuild on the history of one push" and "H2's page cache sized to the heap; the heap's
first touch behind the rebuild's swings".
"""
import argparse, base64, collections, http.client, json, os, re, shlex, subprocess, sys, tempfile, time

from service import running

PASSWORD = "bench-password-1"
HERE = os.path.dirname(os.path.abspath(__file__))


PUSHED = "bench-pushed.properties"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--users", type=int, default=20000)
    args.add_argument("--rebuilds", type=int, default=3)
    args.add_argument("--settle", type=int, default=20)
    args.add_argument("--port", type=int, default=18092)
    args.add_argument("--data-dir")
    args.add_argument("--java-options", default="", help="the service's JVM options, e.g. \"-Xms2g -Xmx2g\"")
    args.add_argument("--fresh", action="store_true",
                      help="rebuild every read model into fresh tables (?fresh=true), comparing nothing first")
    options = args.parse_args()
    if options.data_dir:
        grown = os.path.exists(os.path.join(options.data_dir, "bench-history.properties"))
        pushed = os.path.exists(os.path.join(options.data_dir, PUSHED))
        measure(options, options.data_dir, push_first=not (grown or pushed))
    else:
        with tempfile.TemporaryDirectory() as data_dir:
            measure(options, data_dir, push_first=True)


def measure(options, data_dir, push_first):
    with running(options.jar, options.port, data_dir, PASSWORD, shlex.split(options.java_options)) as service:
        if push_first:
            push(options.port, options.users)
            # a later run on the same --data-dir rebuilds this history as it is, pushing nothing more
            with open(os.path.join(data_dir, PUSHED), "w") as marker:
                marker.write("users=%d\n" % options.users)
        time.sleep(options.settle)
        for number in range(1, options.rebuilds + 1):
            before = threads(service.pid)
            outcome = rebuild(options.port, options.fresh)
            spent = spent_since(before, threads(service.pid))
            print("rebuild %d: %s" % (number, outcome), flush=True)
            if spent:
                print("  threads: " + spent, flush=True)
            time.sleep(3)


def threads(pid):
    """Per kind of thread (digits in names made '#'): [user s, system s, minor page faults]; empty off Linux."""
    totals = collections.defaultdict(lambda: [0.0, 0.0, 0])
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        tasks = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return totals
    for task in tasks:
        try:
            with open("/proc/%d/task/%s/stat" % (pid, task)) as stat_file:
                stat = stat_file.read()
        except OSError:
            continue  # the thread ended
        name = re.sub(r"\d+", "#", stat[stat.index("(") + 1:stat.rindex(")")])
        fields = stat[stat.rindex(")") + 2:].split()
        kind = totals[name]
        kind[0] += int(fields[11]) / tick
        kind[1] += int(fields[12]) / tick
        kind[2] += int(fields[7])
    return totals


def spent_since(before, after):
    """The threads that spent at least 0.1 s of CPU or 1,000 page faults since before, most CPU first."""
    rows = []
    for name, (user, system, faults) in after.items():
        was = before.get(name, [0.0, 0.0, 0])
        user, system, faults = user - was[0], system - was[1], faults - was[2]
        if user + system >= 0.1 or faults >= 1000:
            rows.append((user + system, "%s %.2f+%.2f s %s faults" % (name.strip(), user, system, format(faults, ","))))
    return ", ".join(row for _, row in sorted(rows, reverse=True))


def push(port, users):
    subprocess.run(
        ["java", "-jar", os.path.join(HERE, "target", "scim-bench.jar"), "--base-url=http://localhost:%d" % port,
         "--password=" + PASSWORD, "--users=%d" % users, "--warmup-users=0", "--groups=10", "--concurrency=8"],
        check=True, stdout=subprocess.DEVNULL)


def rebuild(port, fresh=False):
    started = call(port, "POST", "/api/admin/rebuild" + ("?fresh=true" if fresh else ""))
    while True:
        progress = call(port, "GET", "/api/admin/rebuild/" + started["id"])
        if progress["status"] != "RUNNING":
            break
        time.sleep(0.2)
    phases = " ".join("%s=%d" % (phase["name"], phase["millis"]) for phase in progress.get("phases", []))
    return "%s %d events, %.1f events/s, verified=%s, replaced=%s; ms: %s" % (
        progress["status"], progress["eventsDone"], progress["eventsPerSecond"], progress.get("verified"),
        progress.get("replaced"), phases)


def call(port, method, path):
    connection = http.client.HTTPConnection("localhost", port, timeout=600)
    auth = base64.b64encode(("admin@localhost:" + PASSWORD).encode()).decode()
    connection.request(method, path, headers={"Authorization": "Basic " + auth, "Accept": "application/json"})
    answer = connection.getresponse()
    body = answer.read()
    if answer.status >= 300:
        sys.exit("%s %s answered %d: %s" % (method, path, answer.status, body[:300]))
    return json.loads(body)


if __name__ == "__main__":
    main()
