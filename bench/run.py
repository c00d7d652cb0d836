#!/usr/bin/env python3
"""Steward's benchmark: one table of figures, each beside its ceiling from the same run.

Starts the release binary on loopback with a fresh data dir, mailing to an SMTP receiver
this script runs, drives it with wrk (HTTP) and plain requests (set-up, mail), and prints
one Markdown table. Each figure is measured next to the ceiling it is judged against, in
the same run, so the ratio holds on a noisy machine:

- GET /api/v1/account (signed in) at 1 and 64 connections vs GET /healthz (the
  framework's ceiling); the console's /account page (the same read as HTML) vs it;
- sign-ins per second vs the raw argon2id rate on every core (bench/argon2_rate.rs, the
  same parameters);
- p99 of GET /api/v1/account during a second sign-in storm;
- registration -> mail at the receiver, p50 and p99; mail throughput through the queue;
- idle RSS, peak RSS in the storm, start-up to /readyz 200 with an existing database;
- idle CPU: what an idle server costs its box (queue polling, timers).

Bounded: every load runs for a fixed time (--seconds), everything has a timeout.

    cargo build --release --bin steward --example argon2_rate
    python3 bench/run.py [--seconds 5] [--json out.json]

Needs wrk (Debian: apt-get install wrk); run as root, it installs it when missing.
"""
import argparse, asyncio, concurrent.futures, email, http.client, json, os, re, shutil, signal, socket
import statistics, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "correct horse battery staple"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, token=None, timeout=30):
    """(status, raw body) of a JSON request."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    """User plus system CPU time the process has used."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class SmtpReceiver:
    """A minimal SMTP server (no TLS, no auth) that records when each mail arrived."""

    def __init__(self):
        self.port = free_port()
        self.mails = []  # (monotonic time, recipients, raw bytes)
        self.changed = threading.Condition()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._session, "127.0.0.1", self.port))
        ready.set()
        self.loop.run_until_complete(server.serve_forever())

    async def _session(self, reader, writer):
        writer.write(b"220 bench ESMTP\r\n")
        recipients = []
        try:
            while line := await reader.readline():
                verb = line[:4].upper()
                if verb == b"EHLO":
                    writer.write(b"250-bench\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif verb == b"HELO":
                    writer.write(b"250 bench\r\n")
                elif verb == b"MAIL":
                    recipients = []
                    writer.write(b"250 ok\r\n")
                elif verb == b"RCPT":
                    recipients.append(re.search(rb"<([^>]*)>", line).group(1).decode())
                    writer.write(b"250 ok\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 go on\r\n")
                    await writer.drain()
                    data = bytearray()
                    while (chunk := await reader.readline()) not in (b".\r\n", b".\n", b""):
                        data += chunk[1:] if chunk.startswith(b"..") else chunk
                    with self.changed:
                        self.mails.append((time.monotonic(), recipients, bytes(data)))
                        self.changed.notify_all()
                    writer.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:  # RSET, NOOP
                    writer.write(b"250 ok\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        writer.close()

    def wait_for(self, recipient, timeout=15):
        """The (arrival time, raw mail) of the first mail to `recipient`."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for at, rcpts, raw in self.mails:
                    if recipient in rcpts:
                        return at, raw
                left = deadline - time.monotonic()
                if left <= 0:
                    sys.exit(f"no mail to {recipient} within {timeout} s")
                self.changed.wait(left)

    def count(self):
        with self.changed:
            return len(self.mails)


def link_token(raw):
    msg = email.message_from_bytes(raw)
    text = next(p.get_payload(decode=True).decode() for p in msg.walk()
                if p.get_content_type() == "text/plain")
    return re.search(r"token=([A-Za-z0-9_-]+)", text).group(1)


class Server:
    def __init__(self, binary, data, smtp_port):
        self.binary, self.data = binary, data
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.config = os.path.join(data, "config.toml")
        with open(self.config, "w") as f:
            f.write(f"""[server]
bind = "127.0.0.1:{self.port}"
public_url = "{self.base}"
data_dir = "{data}/data"
[mail]
transport = "smtp"
from = "Bench <bench@example.org>"
[mail.smtp]
host = "127.0.0.1"
port = {smtp_port}
tls = "none"
[security]
sign_in_per_ip_per_minute = 0
""")
        self.proc = None

    def command(self, *args, stdin=None):
        subprocess.run([self.binary, "--config", self.config, *args], input=stdin, check=True,
                       stdout=subprocess.DEVNULL, env=dict(os.environ, RUST_LOG="warn"))

    def start(self):
        """Starts the server; returns milliseconds until /readyz answered 200."""
        started = time.monotonic()
        self.proc = subprocess.Popen([self.binary, "--config", self.config, "serve"],
                                     env=dict(os.environ, RUST_LOG="warn"),
                                     stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.data, "server.log"), "a"))
        while True:
            try:
                if self.call("GET", "/readyz", timeout=1)[0] == 200:
                    return (time.monotonic() - started) * 1000
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() - started > 20:
                sys.exit("the server did not become ready; see server.log")
            time.sleep(0.002)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)

    def call(self, method, path, body=None, token=None, timeout=30):
        """(status, parsed JSON body) of a request; errors give their raw body."""
        status, raw = call(self.base, method, path, body, token, timeout)
        return status, (json.loads(raw or b"null") if status < 300 else raw)

    def rss(self):
        return rss_kib(self.proc.pid)


WRK_SCRIPT = """
{setup}
done = function(summary, latency, requests)
  io.write(string.format('\\n{{"requests": %d, "duration_us": %d, "non_2xx": %d, '
    .. '"socket_errors": %d, "p50_us": %d, "p99_us": %d}}\\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def wrk(workdir, url, connections, seconds, token=None, post=None, cookie=None):
    """Runs wrk; returns req/s, p50 and p99 in ms, and the count of failed answers."""
    setup = ""
    if post is not None:
        setup = ('wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\n'
                 f"wrk.body = {json.dumps(json.dumps(post))}\n")
    script = os.path.join(workdir, f"wrk-{connections}-{abs(hash(url + setup))}.lua")
    with open(script, "w") as f:
        f.write(WRK_SCRIPT.format(setup=setup))
    cmd = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
           "--timeout", "10s", "-s", script, url]
    if token:
        cmd[1:1] = ["-H", f"Authorization: Bearer {token}"]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                         timeout=seconds + 30).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return {
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "failed": result["non_2xx"] + result["socket_errors"],
        "requests": result["requests"],
    }


def paced_reads(server, token, seconds, every=0.02):
    """GET /api/v1/account every `every` seconds on one kept-alive connection, as a person
    using the app would: the latencies in ms, and how many answers were not 200."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    latencies, failed = [], 0
    start = time.monotonic()
    tick = start
    while tick - start < seconds:
        sent = time.monotonic()
        conn.request("GET", "/api/v1/account", headers={"authorization": "Bearer " + token})
        response = conn.getresponse()
        response.read()
        latencies.append((time.monotonic() - sent) * 1000)
        failed += response.status != 200
        tick += every
        time.sleep(max(0.0, tick - time.monotonic()))
    conn.close()
    return {"latencies": latencies, "failed": failed}


def sign_up(server, smtp, address):
    """Registers and verifies `address`; returns a session token."""
    status, _ = server.call("POST", "/api/v1/registrations",
                            {"email": address, "password": PASSWORD, "accept_terms": True})
    assert status == 202, status
    _, raw = smtp.wait_for(address)
    status, _ = server.call("POST", "/api/v1/email-verifications/confirm",
                            {"token": link_token(raw)})
    assert status == 200, status
    status, body = server.call("POST", "/api/v1/sessions", {"email": address, "password": PASSWORD})
    assert status == 201, (status, body)
    return body["token"]


def registrations(server, smtp, count, prefix="user"):
    """Registers `count` addresses one at a time; the ms from each request to its mail at
    the receiver, and a session token of the first (verified) one with its address."""
    latencies, token, user = [], None, None
    for i in range(count):
        address = f"{prefix}{i}@example.org"
        sent = time.monotonic()
        status, _ = server.call("POST", "/api/v1/registrations",
                                {"email": address, "password": PASSWORD, "accept_terms": True})
        assert status == 202, status
        arrived, raw = smtp.wait_for(address)
        latencies.append((arrived - sent) * 1000)
        if token is None:
            assert server.call("POST", "/api/v1/email-verifications/confirm",
                               {"token": link_token(raw)})[0] == 200
            status, body = server.call("POST", "/api/v1/sessions",
                                       {"email": address, "password": PASSWORD})
            assert status == 201, (status, body)
            token, user = body["token"], address
    return latencies, token, user


def mail_throughput(server, smtp, count, prefix="invited"):
    """Mails per second through the queue: `count` invitations (no password hash) by
    admin@example.org, queued from 8 threads as fast as they are taken. Returns the
    rate, the mails delivered, and how fast they were queued."""
    status, body = server.call("POST", "/api/v1/sessions",
                               {"email": "admin@example.org", "password": PASSWORD})
    assert status == 201, (status, body)
    admin, before = body["token"], smtp.count()

    def invite(i):
        return server.call("POST", "/api/v1/admin/users",
                           {"email": f"{prefix}{i}@example.org", "send_invite": True},
                           token=admin)[0]

    queued_at = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(invite, range(count)))
    queued_in = time.monotonic() - queued_at
    assert all(s == 201 for s in statuses), sorted(set(statuses))
    deadline = time.monotonic() + 120
    while smtp.count() < before + count and time.monotonic() < deadline:
        time.sleep(0.01)
    with smtp.changed:
        arrivals = [at for at, _, _ in smtp.mails[before:]]
    rate = len(arrivals) / (max(arrivals) - queued_at) if arrivals else 0.0
    return rate, len(arrivals), count / queued_in


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True,
                       stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/steward"))
    ap.add_argument("--argon2-rate",
                    default=os.path.join(ROOT, "target/release/examples/argon2_rate"))
    ap.add_argument("--seconds", type=float, default=5, help="length of each load")
    ap.add_argument("--registrations", type=int, default=40)
    ap.add_argument("--mails", type=int, default=400)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    for path in (args.binary, args.argon2_rate):
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: cargo build --release --bin steward --example argon2_rate")
    ensure_wrk()
    cores = os.cpu_count() or 1
    secs = args.seconds

    work = tempfile.mkdtemp(prefix="steward-bench-")
    smtp = SmtpReceiver()
    server = Server(args.binary, work, smtp.port)
    rows = []

    def row(name, value, unit, ceiling=None, target=None, met=None):
        rows.append({"figure": name, "value": value, "unit": unit, "ceiling": ceiling,
                     "target": target, "met": met})

    try:
        server.command("user", "create", "--email", "admin@example.org", "--admin",
                       "--password-stdin", stdin=(PASSWORD + "\n").encode())
        cold_ms = server.start()
        server.stop()
        startup_ms = server.start()
        time.sleep(2)
        idle_rss = server.rss()
        cpu_before, idle_from = cpu_seconds(server.proc.pid), time.monotonic()
        time.sleep(10)
        idle_cpu = (cpu_seconds(server.proc.pid) - cpu_before) / (time.monotonic() - idle_from)

        # registration -> mail at the receiver, one at a time (latency, not throughput)
        latencies, token, bench_user = registrations(server, smtp, args.registrations)

        # the framework's ceiling and the account read, alternated at each concurrency
        http = {}
        for conns in (1, 64):
            http[("healthz", conns)] = wrk(work, server.base + "/healthz", conns, secs)
            http[("account", conns)] = wrk(work, server.base + "/api/v1/account", conns, secs,
                                           token=token)
        # the console's account page: the same read, rendered as HTML for a browser
        http[("console", 64)] = wrk(work, server.base + "/account", 64, secs,
                                    cookie=f"steward_session={token}")

        # the raw argon2id rate, then the sign-in storm with an account read beside it
        raw = json.loads(subprocess.run([args.argon2_rate, str(secs), server.config],
                                        capture_output=True, text=True, check=True).stdout)
        peak = [server.rss()]
        sampling = threading.Event()

        def sample():
            while not sampling.wait(0.02):
                peak[0] = max(peak[0], server.rss())

        sign_in = {"email": bench_user, "password": PASSWORD}
        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            # sign-ins alone, as the raw rate was measured: nothing else on the cores
            storm = wrk(work, server.base + "/api/v1/sessions", 4 * cores, secs, None, sign_in)
        finally:
            sampling.set()
            sampler.join()
        # a second storm, with a person's account reads beside it
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            second = pool.submit(wrk, work, server.base + "/api/v1/sessions", 4 * cores,
                                 secs, None, sign_in)
            time.sleep(min(1.0, secs / 5))  # reads start once the storm is under way
            during = pool.submit(paced_reads, server, token, secs - 2 * min(1.0, secs / 5))
            second, during = second.result(), during.result()

        # mail throughput: invitations (no password hash) queued as fast as they are taken
        mail_rate, delivered, queued_rate = mail_throughput(server, smtp, args.mails)
        time.sleep(21)  # past the server's idle-memory pass (blocks idle 10 s, checked every 10 s)
        idle_after = server.rss()
    except BaseException:
        print(f"failed; the server's log and data are kept in {work}", file=sys.stderr)
        raise
    else:
        shutil.rmtree(work, ignore_errors=True)
    finally:
        if server.proc and server.proc.poll() is None:
            server.stop()

    for conns in (1, 64):
        h, a = http[("healthz", conns)], http[("account", conns)]
        ratio = a["rps"] / h["rps"]
        row(f"GET /api/v1/account, {conns} conn: req/s", a["rps"], "req/s",
            f"/healthz {h['rps']:.0f} req/s", "ratio >= 0.5", ratio >= 0.5)
        row(f"GET /api/v1/account, {conns} conn: p50 / p99",
            (a["p50_ms"], a["p99_ms"]), "ms", f"/healthz p99 {h['p99_ms']:.2f} ms",
            "p99 < 10 ms" if conns == 64 else None, a["p99_ms"] < 10 if conns == 64 else None)
        rows[-2]["ratio"] = ratio
    c, a = http[("console", 64)], http[("account", 64)]
    ratio = c["rps"] / a["rps"]
    row("GET /account (console page), 64 conn: req/s", c["rps"], "req/s",
        f"/api/v1/account {a['rps']:.0f} req/s", "ratio >= 0.5", ratio >= 0.5 and c["failed"] == 0)
    rows[-1]["ratio"] = ratio
    row("GET /account (console page), 64 conn: p50 / p99", (c["p50_ms"], c["p99_ms"]), "ms",
        f"/api/v1/account p99 {a['p99_ms']:.2f} ms", None, None)
    signin_rate = storm["rps"]
    ratio = signin_rate / raw["hashes_per_second"]
    row(f"sign-ins/s ({4 * cores} connections)", signin_rate, "/s",
        f"argon2id {raw['hashes_per_second']:.1f}/s on {raw['threads']} cores", "ratio >= 0.9",
        ratio >= 0.9)
    rows[-1]["ratio"] = ratio
    storm_p99 = percentile(during["latencies"], 99)
    row("GET /api/v1/account p99 during a sign-in storm", storm_p99, "ms",
        f"{len(during['latencies'])} reads at 50/s beside {second['rps']:.0f} sign-ins/s; quiet p99 "
        f"{http[('account', 1)]['p99_ms']:.2f} ms", "< 25 ms", storm_p99 < 25)
    row("registration -> mail received: p50 / p99",
        (statistics.median(latencies), percentile(latencies, 99)), "ms",
        f"{len(latencies)} in turn", "p50 < 300 ms", statistics.median(latencies) < 300)
    row("mail throughput through the queue", mail_rate, "mails/s",
        f"{delivered}/{args.mails} delivered; queued at {queued_rate:.0f}/s",
        ">= 100/s", mail_rate >= 100)
    row("idle RSS after start-up", idle_rss / 1024, "MiB", None, "<= 25 MiB",
        idle_rss / 1024 <= 25)
    row("idle CPU, 10 s with nothing to do", idle_cpu * 100, "% of a core",
        None, "<= 2 %", idle_cpu <= 0.02)
    row("peak RSS in the sign-in storm", peak[0] / 1024, "MiB", None, "<= 120 MiB",
        peak[0] / 1024 <= 120)
    row("idle RSS 21 s after the load", idle_after / 1024, "MiB", None, None, None)
    row("start-up to /readyz 200, existing database", startup_ms, "ms",
        f"new database {cold_ms:.0f} ms", "<= 150 ms", startup_ms <= 150)
    failures = (sum(x["failed"] for x in http.values()) + storm["failed"] + second["failed"]
                + during["failed"])

    def fmt(v):
        if isinstance(v, tuple):
            return " / ".join(fmt(x) for x in v)
        return f"{v:.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"

    print(f"\nSteward benchmark: {cores} cores, {secs:g} s per load, "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| figure | value | same-run ceiling | ratio | target | met |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else ""
        met = "" if r["met"] is None else ("yes" if r["met"] else "**no**")
        print(f"| {r['figure']} | {fmt(r['value'])} {r['unit']} | {r['ceiling'] or ''} | "
              f"{ratio} | {r['target'] or ''} | {met} |")
    print(f"\nfailed HTTP answers under load: {failures}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "failed_answers": failures}, f, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
