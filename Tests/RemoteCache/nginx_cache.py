"""A throwaway nginx serving a remote cache the way a team would: WebDAV PUT
into a folder, GET back, listening on 127.0.0.1 only. It runs as whoever runs
the tests (root in CI or not) with every path of its own under one scratch
folder, so it touches nothing of the system's nginx."""

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

# Compiled-in temporary folders that nginx creates at start: under
# /var/lib/nginx, which an ordinary user cannot write. Each one is moved into
# the scratch folder; a module this build lacks rejects its directive, and
# that directive is dropped.
TEMP_DIRECTIVES = ["client_body_temp_path", "proxy_temp_path", "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path"]

CONFIG = """
# master_process off: one process, no switch to the 'user' of a root-run
# master (whose workers could not write a scratch folder they do not own).
daemon off;
master_process off;
pid {scratch}/nginx.pid;
error_log {scratch}/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {scratch}/access.log;
{temps}
    server {{
        listen 127.0.0.1:{port};
        root {scratch}/store;
        # The cache: GET what is there, PUT creates /ac/ and /cas/ as needed.
        location / {{
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw;
            client_max_body_size 1g;
        }}
        # The same store behind HTTP Basic authentication ({{PLAIN}} needs no hashing tool).
        location /private/ {{
            alias {scratch}/store/;
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw;
            client_max_body_size 1g;
            auth_basic "lectern cache";
            auth_basic_user_file {scratch}/htpasswd;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, scratch: Path, user="lecturer", password="s3cret-pass"):
        self.scratch = scratch
        self.store = scratch / "store"
        self.user, self.password = user, password
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = None

    def start(self):
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.store.mkdir(parents=True)
        (self.scratch / "htpasswd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        directives = list(TEMP_DIRECTIVES)
        conf = self.scratch / "nginx.conf"
        for _ in range(len(TEMP_DIRECTIVES) + 1):
            temps = "\n".join(f"    {d} {self.scratch}/{d};" for d in directives)
            conf.write_text(CONFIG.format(scratch=self.scratch, port=self.port, temps=temps))
            test = subprocess.run([binary, "-t", "-p", str(self.scratch), "-c", str(conf), "-e", str(self.scratch / "error.log")],
                                  capture_output=True, text=True)
            if test.returncode == 0:
                break
            unknown = re.search(r'unknown directive "(\w+)"', test.stderr)
            if not unknown or unknown.group(1) not in directives:
                raise RuntimeError("nginx rejected the test configuration:\n" + test.stderr)
            directives.remove(unknown.group(1))
        self.process = subprocess.Popen([binary, "-p", str(self.scratch), "-c", str(conf), "-e", str(self.scratch / "error.log")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("nginx stopped at start: " + self.process.stderr.read().decode())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening within 10 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def entries(self, kind):
        folder = self.store / kind
        return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []

    def access_log(self):
        path = self.scratch / "access.log"
        return path.read_text() if path.exists() else ""
