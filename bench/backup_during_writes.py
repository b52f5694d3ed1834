#!/usr/bin/env python3
"""An online backup of the embedded store while Okta writes: how long it takes, and what the writes wait meanwhile.

Starts the packaged service on --data-dir (a history grown by bench.ReadSideBench --data-dir, whose
bench-history.properties names the tenant and its token), waits --settle seconds, then creates Users through SCIM
one after another while it asks for POST /api/admin/backup, and prints the backup's answer and the creates' latencies
before, during and after it. The backup is left in the data directory's backups/ folder.

  python3 bench/backup_during_writes.py --jar provisioning-api/target/provisioning-api.jar --data-dir /tmp/copy

See bench/README.md, "An online backup of the embedded store".
"""
import argparse, base64, http.client, json, threading, time

from service import read_history, running

PASSWORD = "bench-password-1"


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--data-dir", required=True)
    args.add_argument("--settle", type=int, default=20)
    args.add_argument("--port", type=int, default=18093)
    options = args.parse_args()
    history = read_history(options.data_dir)
    tenant = history["tenantUrl"].split("/scim/v2/")[1]
    with running(options.jar, options.port, options.data_dir, PASSWORD):
        time.sleep(options.settle)
        measure(options.port, tenant, history["token"])


def call(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("localhost", port, timeout=600)
    connection.request(method, path, json.dumps(body) if body is not None else None, headers or {})
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    return answer.status, data


def measure(port, tenant, token):
    creates = []
    stop = threading.Event()

    def okta():
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/scim+json"}
        for number in range(10 ** 9):
            if stop.is_set():
                return
            sent = time.time()
            status, _ = call(port, "POST", "/scim/v2/%s/Users" % tenant, {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "backup-%d-%d@example.com" % (int(sent), number)}, headers)
            creates.append((sent, time.time() - sent, status))

    writer = threading.Thread(target=okta)
    writer.start()
    time.sleep(5)
    auth = "Basic " + base64.b64encode(("admin@localhost:" + PASSWORD).encode()).decode()
    began = time.time()
    status, body = call(port, "POST", "/api/admin/backup", None, {"Authorization": auth})
    ended = time.time()
    time.sleep(5)
    stop.set()
    writer.join()
    print("backup: %d %s (%.2f s as the client saw it)" % (status, body.decode()[:300], ended - began))
    summary("before", [c for c in creates if c[0] + c[1] < began])
    summary("during", [c for c in creates if c[0] < ended and c[0] + c[1] > began])
    summary("after", [c for c in creates if c[0] > ended])


def summary(name, creates):
    millis = sorted(c[1] * 1000 for c in creates)
    if not millis:
        print("%s: no create" % name)
        return
    print("%s: %d creates, p50 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s" % (
        name, len(millis), millis[len(millis) // 2], millis[min(len(millis) - 1, int(len(millis) * 0.99))],
        millis[-1], sorted(set(c[2] for c in creates))))


if __name__ == "__main__":
    main()
