#!/usr/bin/env python3
"""The state as of "now" while Okta writes: is it final, and how long does it take?

Starts the packaged service on a fresh data directory, switches provisioning on, and has --writers threads create
Users through SCIM without pause while it asks GET /api/orgs/{org}/state?at=<now, to the millisecond> --samples
times. Once the writers have stopped, it asks each of those instants again and counts the states that changed (an
event stamped at or before the instant that was committed after the first answer). Prints the count and the first
answers' latencies.

  python3 bench/asof_during_writes.py --jar provisioning-api/target/provisioning-api.jar

See bench/README.md, "The state as of now while Okta writes".
"""
import argparse, base64, datetime, http.client, json, shutil, tempfile, threading, time

from service import running

PASSWORD = "bench-password-1"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--writers", type=int, default=8)
    args.add_argument("--samples", type=int, default=60)
    args.add_argument("--port", type=int, default=18094)
    options = args.parse_args()
    data_dir = tempfile.mkdtemp(prefix="asof-during-writes-")
    try:
        with running(options.jar, options.port, data_dir, PASSWORD):
            measure(options.port, options.writers, options.samples)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def call(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("localhost", port, timeout=600)
    connection.request(method, path, json.dumps(body) if body is not None else None, headers or {})
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    if answer.status >= 300:
        raise SystemExit("%s %s: %d %s" % (method, path, answer.status, data[:300]))
    return json.loads(data) if data else None


def measure(port, writers, samples):
    admin = {"Authorization": "Basic " + base64.b64encode(("admin@localhost:" + PASSWORD).encode()).decode(),
             "Content-Type": "application/json"}
    org = call(port, "GET", "/api/orgs", headers=admin)[0]["id"]
    enabled = call(port, "POST", "/api/orgs/%s/provisioning/enable" % org, headers=admin)
    scim = "/scim/v2/" + enabled["tenantUrl"].split("/scim/v2/")[1]
    okta = {"Authorization": "Bearer " + enabled["secretToken"], "Content-Type": "application/scim+json"}
    stop = threading.Event()

    def write(writer):
        i = 0
        while not stop.is_set():
            email = "w%d-%d@asof.example.com" % (writer, i)
            call(port, "POST", scim + "/Users", {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": email,
                "name": {"givenName": "W", "familyName": str(i)},
                "emails": [{"value": email, "type": "work", "primary": True}], "active": True}, okta)
            i += 1

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    first = []
    for _ in range(samples):
        at = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        started = time.time()
        state = call(port, "GET", "/api/orgs/%s/state?at=%s" % (org, at), headers=admin)
        first.append((at, state["eventsApplied"], len(state["members"]), time.time() - started))
        time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join()
    changed = 0
    for at, events, members, _ in first:
        state = call(port, "GET", "/api/orgs/%s/state?at=%s" % (org, at), headers=admin)
        if state["eventsApplied"] != events or len(state["members"]) != members:
            changed += 1
    latencies = sorted(sample[3] * 1000 for sample in first)
    print("%d states as of now asked while %d writers created Users; asked again afterwards, %d had changed"
          % (len(first), writers, changed))
    print("first answers: median %.0f ms, p90 %.0f ms, max %.0f ms"
          % (latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.9)], latencies[-1]))


if __name__ == "__main__":
    main()
