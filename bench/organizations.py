#!/usr/bin/env python3
"""What a deployment with thousands of organizations costs the pages and routes that list them.

Starts the packaged service on a data directory of its own (kept between runs: the organizations
are made once), makes organizations over the JSON API until there are --organizations of them,
then prints p50/p99 latency of: GET /api/orgs and a member list for the admin of one
organization, a Control Panel page for the operator and for that admin (with its size: the
operator's organization switcher), and the operator's Settings -> Organizations and
Settings -> All accounts pages (each organization made here has no admin: the accounts are the few
this script makes, one per run).

  python3 bench/organizations.py --jar provisioning-api/target/provisioning-api.jar \
      --data-dir /tmp/organizations-bench --organizations 5000

See bench/README.md, "Thousands of organizations".
"""
import argparse, base64, http.client, json, os, re, sys, time, urllib.parse

from service import running

# the operator's password on a data directory made by this script (or the one PROVISIONING_ADMIN_PASSWORD set then)
PASSWORD = os.environ.get("PROVISIONING_ADMIN_PASSWORD", "bench-password-1")


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--jar", required=True)
    args.add_argument("--data-dir", required=True)
    args.add_argument("--organizations", type=int, default=5000)
    args.add_argument("--port", type=int, default=18091)
    options = args.parse_args()
    with running(options.jar, options.port, options.data_dir, PASSWORD):
        measure(options.port, options.organizations)


def basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()


def send(connection, method, path, body=None, auth=None, headers=None):
    sent = dict(headers or {})
    if auth:
        sent["Authorization"] = auth
    if body is not None:
        sent["Content-Type"] = "application/json"
        body = json.dumps(body)
    connection.request(method, path, body=body, headers=sent)
    answer = connection.getresponse()
    return answer.status, answer.read(), answer


def sign_in(port, email, password):
    connection = http.client.HTTPConnection("localhost", port)
    _, page, answer = send(connection, "GET", "/login")
    cookie = answer.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"email": email, "password": password, "_csrf": csrf})
    connection.request("POST", "/login", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    if answer.getheader("Set-Cookie"):
        cookie = answer.getheader("Set-Cookie").split(";")[0]
    return connection, {"Cookie": cookie}


def timed(label, call, rounds=200):
    for _ in range(20):
        call()
    millis = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        millis.append((time.perf_counter() - started) * 1000)
    millis.sort()
    print("%-52s p50 %7.2f ms   p99 %7.2f ms" % (label, millis[len(millis) // 2], millis[int(len(millis) * 0.99) - 1]))


def measure(port, wanted):
    operator = basic("admin@localhost", PASSWORD)
    api = http.client.HTTPConnection("localhost", port)
    status, listed, _ = send(api, "GET", "/api/orgs", auth=operator)
    if status != 200:
        sys.exit("GET /api/orgs answered %d: is this data directory's operator password PROVISIONING_ADMIN_PASSWORD?"
                 % status)
    have = len(json.loads(listed))
    started = time.time()
    for i in range(have, wanted):
        status, answer, _ = send(api, "POST", "/api/orgs", {"name": "Organization %05d" % i}, auth=operator)
        assert status == 201, (status, answer)
    print("organizations: %d (%d made in %.1f s)" % (max(have, wanted), max(0, wanted - have), time.time() - started))
    status, answer, _ = send(api, "POST", "/api/orgs", {
        "name": "Zeta measured", "adminEmail": "bench-%d@example.com" % time.time_ns()}, auth=operator)
    created = json.loads(answer)
    org = created["id"]
    email, password = created["admin"]["email"], created["admin"]["password"]
    admin = basic(email, password)
    timed("admin of one organization: GET /api/orgs", lambda: send(api, "GET", "/api/orgs", auth=admin))
    timed("admin of one organization: GET /api/orgs/{org}/members",
          lambda: send(api, "GET", "/api/orgs/%s/members" % org, auth=admin))
    for who, signing_in, with_password in (("operator", "admin@localhost", PASSWORD),
                                           ("admin of one organization", email, password)):
        connection, cookie = sign_in(port, signing_in, with_password)
        path = "/orgs/%s/members" % org
        timed("%s: page %s" % (who, "/orgs/{org}/members"),
              lambda: send(connection, "GET", path, headers=cookie), 100)
        status, page, _ = send(connection, "GET", path, headers=cookie)
        print("%-52s %d, %d bytes" % ("  that page:", status, len(page)))
        if who == "operator":
            timed("operator: page /orgs/{org}/settings/organizations",
                  lambda: send(connection, "GET", "/orgs/%s/settings/organizations" % org, headers=cookie), 30)
            timed("operator: page /orgs/{org}/settings/accounts",
                  lambda: send(connection, "GET", "/orgs/%s/settings/accounts" % org, headers=cookie), 30)


if __name__ == "__main__":
    main()
