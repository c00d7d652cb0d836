#!/usr/bin/env python3
"""Quick loopback figures for the release binary (standard library only).

Starts target/release/steward on a fresh data dir (file mail transport), verifies one
account from the .eml it writes, then reports: start-up time to /readyz 200, idle RSS,
and sign-ins per second at the configured argon2 settings. Bounded: a fixed number of
sign-ins, a timeout on everything. The full harness with targets comes with bench/.

    cargo build --release && python3 bench/quick.py [--signins 200] [--concurrency 4]
"""
import argparse, concurrent.futures, email, glob, json, os, re, shutil, socket, subprocess
import sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None, token=None, timeout=30):
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/steward"))
    ap.add_argument("--signins", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=2 * (os.cpu_count() or 2))
    args = ap.parse_args()

    data = tempfile.mkdtemp(prefix="steward-bench-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, STEWARD_SERVER__BIND=f"127.0.0.1:{port}",
               STEWARD_SERVER__PUBLIC_URL=base, STEWARD_SERVER__DATA_DIR=data,
               STEWARD_SECURITY__SIGN_IN_PER_IP_PER_MINUTE="0", RUST_LOG="warn")
    proc = subprocess.Popen([args.binary, "serve"], env=env, cwd=data,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        started = time.monotonic()
        while True:
            try:
                if call(base, "GET", "/readyz", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() - started > 20:
                sys.exit("not ready within 20 s")
            time.sleep(0.005)
        startup_ms = (time.monotonic() - started) * 1000

        password = "correct horse battery staple"
        status, _ = call(base, "POST", "/api/v1/registrations",
                         {"email": "bench@example.org", "password": password, "accept_terms": True})
        assert status == 202, status
        deadline = time.monotonic() + 10
        while not glob.glob(os.path.join(data, "outbox", "*.eml")):
            if time.monotonic() > deadline:
                sys.exit("no verification mail")
            time.sleep(0.02)
        msg = email.message_from_bytes(open(glob.glob(os.path.join(data, "outbox", "*.eml"))[0], "rb").read())
        text = next(p.get_payload(decode=True).decode() for p in msg.walk()
                    if p.get_content_type() == "text/plain")
        token = re.search(r"token=([A-Za-z0-9_-]+)", text).group(1)
        assert call(base, "POST", "/api/v1/email-verifications/confirm", {"token": token})[0] == 200

        time.sleep(2)
        idle_rss = rss_kib(proc.pid)

        body = {"email": "bench@example.org", "password": password}
        peak = [idle_rss]

        def one(_):
            s, _ = call(base, "POST", "/api/v1/sessions", body)
            peak[0] = max(peak[0], rss_kib(proc.pid))
            return s

        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
            statuses = list(pool.map(one, range(args.signins)))
        elapsed = time.monotonic() - t0
        bad = [s for s in statuses if s != 201]
        print(f"start-up to /readyz 200 (new database): {startup_ms:.0f} ms")
        print(f"idle RSS:                               {idle_rss / 1024:.1f} MiB")
        print(f"sign-ins:                               {args.signins} in {elapsed:.2f} s "
              f"= {args.signins / elapsed:.1f}/s at concurrency {args.concurrency}"
              + (f" ({len(bad)} not 201: {sorted(set(bad))})" if bad else ""))
        print(f"peak RSS during sign-ins:               {peak[0] / 1024:.1f} MiB")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
