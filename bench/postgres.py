#!/usr/bin/env python3
"""Steward on PostgreSQL: one instance, then two behind nginx, each figure beside its
ceiling from the same run.

Starts a throwaway PostgreSQL cluster (scripts/pg-cluster), the release binary on
loopback against it, and the SMTP receiver of bench/run.py, then prints two Markdown
tables with the same rows:

- sign-ins per second vs the raw argon2id rate on every core (bench/argon2_rate.rs);
- GET /api/v1/account (signed in) at 64 connections vs GET /healthz, the ceiling of
  the same path (with two instances, through nginx);
- registration -> mail at the receiver, p50 (one at a time);
- mail throughput through the queue (invitations, queued as fast as they are taken).

Two instances: both `steward serve` on one database, nginx (Debian's, loopback only)
spreading requests over them. Everything shares the machine's cores: PostgreSQL, nginx,
wrk and the instances.

    cargo build --release --bin steward --example argon2_rate
    python3 bench/postgres.py [--seconds 5] [--json out.json]

Needs wrk and nginx (Debian); run as root, it installs them when missing.
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import (PASSWORD, ROOT, Server, SmtpReceiver, call, ensure_wrk,  # noqa: E402
                 free_port, mail_throughput, registrations, wrk)

KEY = "YmVuY2gtc2VydmVyLWtleS1vZi10aGlydHktdHdvLWI="  # base64 of 32 bytes


class PgServer(Server):
    """bench/run.py's server, on a PostgreSQL database with a configured key."""

    def __init__(self, binary, data, smtp_port, url, hash_threads=0):
        os.makedirs(data, exist_ok=True)
        super().__init__(binary, data, smtp_port)
        with open(self.config) as f:
            text = f.read()
        text = text.replace("[security]\n", f'[security]\nsecret_key = "{KEY}"\n'
                            f'hash_concurrency = {hash_threads}\n')
        text += f'[database]\nurl = "{url}"\n[jobs]\nheartbeat_seconds = 5\n'
        with open(self.config, "w") as f:
            f.write(text)


class Front:
    """nginx before the instances, called as a server is."""

    def __init__(self, base):
        self.base = base

    def call(self, method, path, body=None, token=None, timeout=30):
        status, raw = call(self.base, method, path, body, token, timeout)
        return status, (json.loads(raw or b"null") if status < 300 else raw)


def ensure_nginx():
    if shutil.which("nginx") or os.path.exists("/usr/sbin/nginx"):
        return "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else shutil.which("nginx")
    subprocess.run([os.path.join(ROOT, "scripts/apt-install"), "bench", "nginx-light"],
                   check=True)
    return "/usr/sbin/nginx"


def start_nginx(nginx, work, ports):
    """nginx on a loopback port, spreading over `ports`; returns (process, base URL)."""
    port = free_port()
    prefix = os.path.join(work, "nginx")
    os.makedirs(os.path.join(prefix, "logs"), exist_ok=True)
    upstream = "".join(f"    server 127.0.0.1:{p};\n" for p in ports)
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  upstream steward {{
{upstream}    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://steward;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
    }}
  }}
}}
""")
    proc = subprocess.Popen([nginx, "-p", prefix, "-c", conf], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            if call(base, "GET", "/healthz", timeout=1)[0] == 200:
                return proc, base
        except OSError:
            time.sleep(0.05)
    sys.exit("nginx did not start; see " + prefix)


def measure(front, servers, smtp, args, raw_rate, work, label):
    """The four figures against `front` (a server, or nginx before several)."""
    secs = args.seconds
    latencies, token, user = registrations(front, smtp, args.registrations, f"{label}-user")
    healthz = wrk(work, front.base + "/healthz", 64, secs)
    account = wrk(work, front.base + "/api/v1/account", 64, secs, token=token)
    cores = os.cpu_count() or 1
    storm = wrk(work, front.base + "/api/v1/sessions", 4 * cores, secs, None,
                {"email": user, "password": PASSWORD})
    mail_rate, delivered, _ = mail_throughput(front, smtp, args.mails, f"{label}-invited")
    failed = healthz["failed"] + account["failed"] + storm["failed"]
    read_ratio = account["rps"] / healthz["rps"]
    sign_ratio = storm["rps"] / raw_rate["hashes_per_second"]
    rows = [
        (f"sign-ins/s ({4 * cores} connections)", f"{storm['rps']:.1f} /s",
         f"argon2id {raw_rate['hashes_per_second']:.1f}/s on {raw_rate['threads']} cores",
         f"{sign_ratio:.2f}", ">= 0.9" if len(servers) > 1 else "", sign_ratio >= 0.9),
        ("GET /api/v1/account, 64 conn: req/s", f"{account['rps']:.0f} req/s",
         f"/healthz {healthz['rps']:.0f} req/s", f"{read_ratio:.2f}", ">= 0.25",
         read_ratio >= 0.25),
        ("GET /api/v1/account, 64 conn: p50 / p99",
         f"{account['p50_ms']:.2f} / {account['p99_ms']:.2f} ms",
         f"/healthz p99 {healthz['p99_ms']:.2f} ms", "", "", None),
        ("registration -> mail received: p50", f"{statistics.median(latencies):.0f} ms",
         f"{len(latencies)} in turn", "", "", None),
        ("mail throughput through the queue", f"{mail_rate:.0f} mails/s",
         f"{delivered}/{args.mails} delivered", "", "", None),
    ]
    return rows, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/steward"))
    ap.add_argument("--argon2-rate",
                    default=os.path.join(ROOT, "target/release/examples/argon2_rate"))
    ap.add_argument("--seconds", type=float, default=5, help="length of each load")
    ap.add_argument("--registrations", type=int, default=20)
    ap.add_argument("--mails", type=int, default=300)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    for path in (args.binary, args.argon2_rate):
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: cargo build --release --bin steward --example argon2_rate")
    ensure_wrk()
    nginx = ensure_nginx()
    work = tempfile.mkdtemp(prefix="steward-bench-pg-")
    # a folder of its own under /tmp: the postgres user must reach it
    cluster = tempfile.mkdtemp(prefix="steward-bench-cluster-")
    pg = subprocess.run([os.path.join(ROOT, "scripts/pg-cluster"), "start", cluster],
                        capture_output=True, text=True, check=True).stdout.strip()
    smtp = SmtpReceiver()
    servers, proxy, tables, failures = [], None, {}, 0
    try:
        base = pg.rsplit("/", 1)[0]
        subprocess.run(["psql", "-q", pg, "-c", "create database one",
                        "-c", "create database two"], check=True)
        for label, db, count in (("one instance", "one", 1), ("two instances behind nginx", "two", 2)):
            # instances on one machine share its cores for hashing, as the README says
            # to configure them (hash_concurrency: cores / instances)
            threads = max(1, (os.cpu_count() or 2) // count) if count > 1 else 0
            servers = [PgServer(args.binary, os.path.join(work, f"{db}{i}"), smtp.port,
                                f"{base}/{db}", threads) for i in range(count)]
            servers[0].command("user", "create", "--email", "admin@example.org", "--admin",
                               "--password-stdin", stdin=(PASSWORD + "\n").encode())
            for server in servers:
                server.start()
            raw_rate = json.loads(subprocess.run(
                [args.argon2_rate, str(args.seconds), servers[0].config],
                capture_output=True, text=True, check=True).stdout)
            front = servers[0]
            if count > 1:
                proxy, url = start_nginx(nginx, work, [s.port for s in servers])
                front = Front(url)
            rows, failed = measure(front, servers, smtp, args, raw_rate, work, db)
            tables[label], failures = rows, failures + failed
            if proxy:
                proxy.terminate()
                proxy.wait(10)
                proxy = None
            for server in servers:
                server.stop()
            servers = []
    except BaseException:
        print(f"failed; logs and data are kept in {work}", file=sys.stderr)
        raise
    finally:
        for server in servers:
            if server.proc and server.proc.poll() is None:
                server.stop()
        if proxy:
            proxy.terminate()
        subprocess.run([os.path.join(ROOT, "scripts/pg-cluster"), "stop", cluster])
        shutil.rmtree(cluster, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)

    cores = os.cpu_count() or 1
    print(f"\nSteward on PostgreSQL: {cores} cores, {args.seconds:g} s per load, "
          f"{time.strftime('%Y-%m-%d')}")
    for label, rows in tables.items():
        print(f"\n{label}\n")
        print("| figure | value | same-run ceiling | ratio | target | met |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, value, ceiling, ratio, target, met in rows:
            shown = "" if met is None or not target else ("yes" if met else "**no**")
            print(f"| {name} | {value} | {ceiling} | {ratio} | {target} | {shown} |")
    print(f"\nfailed HTTP answers under load: {failures}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"tables": tables, "failed_answers": failures}, f, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
