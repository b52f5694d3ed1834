#!/usr/bin/env python3
"""SCIM's sortBy at the size of a grown history: GET /Users sorted by emails (ascending, a page in the middle,
descending) and by userName, four calls each, seconds.

Starts the packaged service on a history bench.ReadSideBench --data-dir grew (100,000 members), waits 20 s, and asks
with the organization's Secret Token from bench-history.properties. Figures: bench/README, "SCIM sortBy=emails".

    python3 bench/scim_sort.py <jar> <data dir> <port>
"""
import sys
import time
import urllib.request

from service import read_history, running

jar, data, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
history = read_history(data)
base = history["tenantUrl"].replace(history["tenantUrl"].split("/scim")[0], "http://localhost:%d" % port)
with running(jar, port, data, "bench-password-1"):
    time.sleep(20)
    for query in [
        "sortBy=emails&count=100",
        "sortBy=emails&count=100&startIndex=50001",
        "sortBy=emails&sortOrder=descending&count=100",
        "sortBy=userName&count=100",
    ]:
        times = []
        for _ in range(4):
            request = urllib.request.Request(
                base + "/Users?" + query, headers={"Authorization": "Bearer " + history["token"]})
            started = time.time()
            urllib.request.urlopen(request, timeout=60).read()
            times.append(time.time() - started)
        print("%-50s %s" % (query, " ".join("%.3f" % t for t in times)))
