#!/usr/bin/env python3
"""Deleting a big account while others keep writing (standard library only).

Starts target/release/steward on a fresh data dir (file mail transport), gives one
account 1,000 hosts with 10 integrations each (written straight into the database),
then deletes it while another account keeps writing (PATCH /api/v1/account) and
signing in. Prints the deletion's total time, and the latency of the other writes
during it: the longest is the longest any other write waited. Bounded in time.

    cargo build --release --bin steward && python3 bench/delete_account.py [--hosts 1000] [--integrations 10]
"""
import argparse, email, glob, json, os, re, shutil, sqlite3, subprocess, sys, tempfile
import threading, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import call, free_port  # noqa: E402

PASSWORD = "correct horse battery staple"


def uuid7():
    # time-ordered like the server's ids (48-bit ms timestamp, version 7)
    ms = int(time.time() * 1000)
    rand = uuid.uuid4().int & ((1 << 74) - 1)
    value = (ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


def verified_token(base, data, address, seen):
    assert call(base, "POST", "/api/v1/registrations",
                {"email": address, "password": PASSWORD, "accept_terms": True})[0] == 202
    deadline = time.monotonic() + 10
    while True:
        files = [f for f in glob.glob(os.path.join(data, "outbox", "*.eml")) if f not in seen]
        if files:
            break
        if time.monotonic() > deadline:
            sys.exit("no verification mail")
        time.sleep(0.02)
    seen.update(files)
    msg = email.message_from_bytes(open(files[0], "rb").read())
    text = next(p.get_payload(decode=True).decode() for p in msg.walk() if p.get_content_type() == "text/plain")
    token = re.search(r"token=([A-Za-z0-9_-]+)", text).group(1)
    assert call(base, "POST", "/api/v1/email-verifications/confirm", {"token": token})[0] == 200
    status, body = call(base, "POST", "/api/v1/sessions", {"email": address, "password": PASSWORD})
    assert status == 201, (status, body)
    return json.loads(body)["token"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/steward"))
    ap.add_argument("--hosts", type=int, default=1000)
    ap.add_argument("--integrations", type=int, default=10)
    args = ap.parse_args()

    data = tempfile.mkdtemp(prefix="steward-bench-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, STEWARD_SERVER__BIND=f"127.0.0.1:{port}", STEWARD_SERVER__PUBLIC_URL=base,
               STEWARD_SERVER__DATA_DIR=data, STEWARD_SECURITY__SIGN_IN_PER_IP_PER_MINUTE="0",
               RUST_LOG="warn")
    proc = subprocess.Popen([args.binary, "serve"], env=env, cwd=data,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if call(base, "GET", "/readyz", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit("not ready")
            time.sleep(0.01)
        seen = set()
        big = verified_token(base, data, "big@example.org", seen)
        other = verified_token(base, data, "other@example.org", seen)
        status, body = call(base, "POST", "/api/v1/subscriptions", {"plan_id": "managed-homeserver"}, token=big)
        assert status == 201, body
        sub = json.loads(body)["id"]

        db = sqlite3.connect(os.path.join(data, "steward.db"), timeout=30, isolation_level=None)
        account = db.execute("select id from accounts where email = 'big@example.org'").fetchone()[0]
        t0 = time.monotonic()
        db.execute("begin immediate")
        for h in range(args.hosts):
            host = uuid7()
            db.execute("insert into hosts (id, account_id, subscription_id, name, domain, status, created_at, updated_at)"
                       " values (?, ?, ?, ?, ?, 'active', 0, 0)", (host, account, sub, f"host {h}", f"h{h}.bench.example"))
            db.executemany("insert into integrations (id, account_id, host_id, kind, name, settings, created_at, updated_at)"
                           " values (?, ?, ?, 'bridge', ?, '{\"k\": 1}', 0, 0)",
                           [(uuid7(), account, host, f"i{i}") for i in range(args.integrations)])
        db.execute("commit")
        seeded = time.monotonic() - t0
        rows = args.hosts * (1 + args.integrations)

        latencies, signins, stop = [], [], threading.Event()

        def writer():
            n = 0
            while not stop.is_set():
                t = time.monotonic()
                s, _ = call(base, "PATCH", "/api/v1/account", {"display_name": f"n{n}"}, token=other)
                latencies.append((time.monotonic() - t) * 1000)
                assert s == 200, s
                n += 1

        def signer():
            while not stop.is_set():
                s, _ = call(base, "POST", "/api/v1/sessions", {"email": "other@example.org", "password": PASSWORD})
                signins.append(s)

        threads = [threading.Thread(target=writer), threading.Thread(target=signer)]
        for t in threads:
            t.start()
        time.sleep(0.5)  # writers settled
        before = len(latencies)
        t0 = time.monotonic()
        status, body = call(base, "DELETE", "/api/v1/account", token=big)
        assert status == 202, (status, body)
        deadline = time.monotonic() + 120
        while db.execute("select count(*) from accounts where id = ?", (account,)).fetchone()[0]:
            if time.monotonic() > deadline:
                sys.exit("deletion did not finish within 120 s")
            time.sleep(0.005)
        total = time.monotonic() - t0
        during = latencies[before:]
        stop.set()
        for t in threads:
            t.join()
        left = db.execute("select (select count(*) from hosts where account_id = ?) + "
                          "(select count(*) from integrations where account_id = ?)", (account, account)).fetchone()[0]
        during.sort()
        p = lambda q: during[min(len(during) - 1, int(q * len(during)))]
        print(f"seeded {rows} rows ({args.hosts} hosts x {args.integrations} integrations + hosts) in {seeded:.2f} s")
        print(f"deletion: {total * 1000:.0f} ms from DELETE /api/v1/account to the account row gone; rows left: {left}")
        print(f"other writes during it: {len(during)}, p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, "
              f"longest {during[-1]:.1f} ms")
        print(f"sign-ins during it: {len(signins)}, all 201: {all(s == 201 for s in signins)}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
