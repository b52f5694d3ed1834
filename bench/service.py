"""The packaged service, started for a benchmark script on a port and data directory of its own."""
import base64, contextlib, http.client, json, os, subprocess, sys, time


@contextlib.contextmanager
def running(jar, port, data_dir, password, java_options=()):
    """Starts the service (its output in service.log of the data directory; java_options before -jar), waits until it
    answers, and stops it when the block ends."""
    os.makedirs(data_dir, exist_ok=True)
    log = open(os.path.join(data_dir, "service.log"), "w")
    service = subprocess.Popen(
        ["java", *java_options, "-jar", jar, "--server.port=%d" % port, "--provisioning.data-dir=" + data_dir],
        stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, PROVISIONING_ADMIN_PASSWORD=password))
    try:
        wait_for(port)
        yield service
    finally:
        service.terminate()
        service.wait()
        log.close()


def wait_for(port):
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("localhost", port, timeout=2)
            connection.request("GET", "/actuator/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    sys.exit("the service did not start: see service.log in the data directory")


def read_history(data_dir):
    """The bench-history.properties a grown history (bench.ReadSideBench --data-dir) left in its data directory: the
    organization's tenantUrl and token among others, unescaped as Java wrote them."""
    path = os.path.join(data_dir, "bench-history.properties")
    if not os.path.exists(path):
        sys.exit(path + " not found: grow the history first with bench.ReadSideBench --data-dir")
    values = {}
    for line in open(path):
        if "=" in line and not line.startswith("#"):
            key, value = line.rstrip("\n").split("=", 1)
            values[key] = value.replace("\\:", ":").replace("\\=", "=")
    return values


def send(connection, method, path, body=None, headers=None, content_type="application/json"):
    """One request on the connection, a body sent as JSON: the status and the body answered."""
    sent = dict(headers or {})
    if body is not None:
        sent["Content-Type"] = content_type
        body = json.dumps(body)
    connection.request(method, path, body=body, headers=sent)
    answer = connection.getresponse()
    return answer.status, answer.read()


def switched_on(connection, password):
    """Switches provisioning on for the first organization over the JSON API, as its admin: the SCIM base path and
    the headers of a SCIM client (its Secret Token, Okta's User-Agent)."""
    admin = {"Authorization": "Basic " + base64.b64encode(("admin@localhost:" + password).encode()).decode()}
    status, body = send(connection, "GET", "/api/orgs", headers=admin)
    org = json.loads(body)[0]["id"]
    status, body = send(connection, "POST", "/api/orgs/%s/provisioning/enable" % org, headers=admin)
    enabled = json.loads(body)
    base = "/" + enabled["tenantUrl"].split("/", 3)[3]
    return base, {"Authorization": "Bearer " + enabled["secretToken"], "User-Agent": "Okta SCIM Client 1.0.0"}
