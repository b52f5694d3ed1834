#!/usr/bin/env python3
"""A full disk under SCIM creates, and the disk freed again: what each write was answered, and whether a write
answered anything but 201 was kept all the same.

Needs root (it mounts a 24 MB tmpfs at /tmp/fd, unmounted at the end). Starts the packaged service with its data
directory there, switches provisioning on, creates 20 Users, fills the disk to about 1.5 MB free with a file, creates
Users until eight are refused, deletes the file, creates 30 more, then looks each refused User up by its userName.
The service's output goes to /tmp/fulldisk-service.log (or $FD_LOG).

  sudo python3 bench/full_disk.py provisioning-api/target/provisioning-api.jar

A correct service prints "answered non-201 yet kept: []". See README.md, "Operating it" (Health), and
bench/README.md, "The wait for the disk writes through the database the commit was made in".
"""
import base64, json, os, subprocess, sys, time, urllib.request, urllib.error, urllib.parse
jar, mnt = sys.argv[1], "/tmp/fd"
subprocess.run("umount %s 2>/dev/null; mkdir -p %s && mount -t tmpfs -o size=24m tmpfs %s" % (mnt, mnt, mnt), shell=True, check=True)
data = mnt + "/data"; port = 18090
env = dict(os.environ, PROVISIONING_ADMIN_EMAIL="fd@example.com", PROVISIONING_ADMIN_PASSWORD="full-disk-pass-1")
log = open(os.environ.get("FD_LOG", "/tmp/fulldisk-service.log"), "w")
svc = subprocess.Popen(["java", "-jar", jar, "--server.port=%d" % port, "--provisioning.data-dir=" + data], stdout=log, stderr=subprocess.STDOUT, env=env)
def req(method, url, body=None, auth=None):
    r = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    r.add_header("Content-Type", "application/json")
    if auth: r.add_header("Authorization", auth)
    try:
        with urllib.request.urlopen(r, timeout=30) as resp: return resp.status, resp.read()
    except urllib.error.HTTPError as e: return e.code, e.read()
    except Exception as e: return -1, str(e).encode()
base = "http://localhost:%d" % port
basic = "Basic " + base64.b64encode(b"fd@example.com:full-disk-pass-1").decode()
try:
    for _ in range(120):
        if req("GET", base + "/actuator/health")[0] == 200: break
        time.sleep(1)
    org = json.loads(req("GET", base + "/api/orgs", auth=basic)[1])[0]["id"]
    en = json.loads(req("POST", base + "/api/orgs/%s/provisioning/enable" % org, auth=basic)[1])
    scim, bearer = en["tenantUrl"], "Bearer " + en["secretToken"]
    def create(name):
        return req("POST", scim + "/Users", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name,
            "name": {"givenName": "x" * 200, "familyName": "y" * 200}, "title": "z" * 1000}, auth=bearer)[0]
    for i in range(20): create("warm%d@example.com" % i)
    st = os.statvfs(mnt); free = st.f_bavail * st.f_frsize
    filler = mnt + "/filler"
    subprocess.run("dd if=/dev/zero of=%s bs=64k count=%d 2>/dev/null" % (filler, max(0, free - 1_500_000) // 65536), shell=True)
    answered = {}
    i = 0; fails = 0
    while fails < 8 and i < 3000:
        name = "fill%d@example.com" % i; s = create(name); answered[name] = s; i += 1
        if s != 201: fails += 1
    print("filled: %d creates, statuses %s" % (i, {s: list(answered.values()).count(s) for s in set(answered.values())}))
    os.remove(filler)
    print("disk freed")
    after = []
    for j in range(30):
        name = "after%d@example.com" % j; s = create(name); answered[name] = s; after.append(s); time.sleep(0.3)
    print("after freeing:", after)
    time.sleep(3)
    kept_but_not_201 = []
    for name, s in answered.items():
        if s == 201: continue
        q = urllib.parse.quote('userName eq "%s"' % name)
        code, body = req("GET", scim + "/Users?filter=" + q, auth=bearer)
        if code == 200 and json.loads(body)["totalResults"] > 0: kept_but_not_201.append((name, s))
    print("answered non-201 yet kept:", kept_but_not_201)
    print("activity health:", req("GET", base + "/actuator/health", auth=basic)[1][:300])
finally:
    svc.terminate(); svc.wait(); log.close()
    subprocess.run("umount %s" % mnt, shell=True)
