#!/usr/bin/env python3
# Records examples/live-workload.scap's raw capture: run as root, in new UTS
# and cgroup namespaces, from the example's own directory (see
# examples/README.md):
#
#   unshare --uts --cgroup sh -c 'hostname sysflow-example &&
#       exec /usr/bin/python3 /tmp/sysflow-example/record.py'
#
# with sysporter copied to /tmp/sysflow-example/sysporter (the recorder's
# command line shows in the capture: no path of the checkout's).
#
# The recorder waits without starting any program (no sleep, no ls), so
# that the only processes it starts during the capture are the workload's;
# it writes its pid to recorder.pid for `scaptrim --descendants-of`, which
# then drops what other programs on the host started meanwhile.
import glob
import os
import subprocess
import sys
import time

HERE = "/tmp/sysflow-example"

sysporter = HERE + "/sysporter"
os.chdir(HERE)
os.makedirs("out", exist_ok=True)
with open("recorder.pid", "w") as pid:
    pid.write(f"{os.getpid()}\n")
with open("sysporter.log", "w") as log:
    rec = subprocess.Popen(
        [sysporter, "-w", "out/", "-G", "0", "-e", "example", "--scrub-env",
         "--scap-out", "raw.scap"],
        stderr=log,
    )
    # The .sf file exists once the probe is attached and /proc was scanned.
    while not glob.glob("out/*"):
        time.sleep(0.05)
    time.sleep(0.5)
    subprocess.run(["/usr/bin/env", "-i", HERE + "/workload.sh"], check=True)
    time.sleep(1)
    rec.terminate()
    sys.exit(rec.wait())
