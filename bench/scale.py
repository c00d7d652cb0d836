#!/usr/bin/env python3
"""Steward at scale: the same requests on a database of 1,000, 100,000 and 1,000,000 accounts.

For each engine (SQLite, PostgreSQL) and each size, grows a fresh database to N accounts
with what accounts carry in real life, seeded with bulk SQL (never through the API), then
starts the server and times, one request at a time with nothing else running:

- start-up to /readyz 200;
- sign-in (POST /api/v1/sessions), GET /api/v1/account and the console's pages (the
  account, its security, its devices and its activity), signed in by a cookie from the
  console's own sign-in form;
- the admin API: the first page of users, a page deep in the list (a cursor in the
  middle), a search that finds a user by email, one by name, one that finds nobody (and
  one of two characters, which no trigram index can serve), one user, the sign-in events;
- deleting an account with 100 hosts of 2 integrations each, until GET answers 404;
- with the server stopped: `steward backup` (SQLite), `steward db copy --to` a fresh
  PostgreSQL database (SQLite, when both engines run or with --copy), and the size of the
  database.

Per account (n = 1..N): an `accounts` row (user{n}@example.org, "Ada Lovelace {n}" from a
few names, the password hash of one real account, verified, current terms, created over
the last year, ~1% deactivated); one live session (all but the deactivated); 5 audit
events (account.registered, then 4 sign_in.succeeded, the last within 20 days); a
subscription for 80% (plans of the configuration); 1-3 hosts for 10%, each with 2
integrations for half of those; an authenticator app for 20%; a passkey for 5% (records
that fill the columns; nobody can sign in with them). Ids are UUIDv7 whose time is the
row's time. Every figure of a size comes from a database of its own.

Prints one Markdown table per engine: a row per figure, a column per size (requests:
`p50 / p99` in ms), and the growth from the smallest to the largest size (p50).
Progress, with timings, goes to stderr.

    cargo build --release --bin steward
    python3 bench/scale.py [--engines sqlite,postgres] [--sizes 1000,100000,1000000]
                           [--binary PATH] [--no-copy] [--json out.json]

Needs psql and PostgreSQL (scripts/pg-cluster installs Debian's, as root) for the
postgres engine and the copy. At 1,000,000 accounts, allow about half an hour for both
engines and ~15 GB of free disk (at 100,000: 420 MiB for SQLite, its backup and copy as
much again).
"""
import argparse, html, http.client, json, os, re, shutil, sqlite3, subprocess, sys, tempfile
import time, tomllib, urllib.parse

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from run import PASSWORD, ROOT, Server, SmtpReceiver, percentile  # noqa: E402
from postgres import PgServer  # noqa: E402

DAY = 86_400
FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
         "Radia", "Tim", "Frances", "John", "Hedy", "Dennis", "Katherine", "Linus"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson",
        "Perlman", "Berners-Lee", "Allen", "McCarthy", "Lamarr", "Ritchie", "Johnson", "Torvalds"]
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
DEVICE = "Firefox on Linux"
# the shape of webauthn-rs's record; the key is no key: these passkeys can't sign in
PASSKEY_JSON = json.dumps({"cred": {
    "cred_id": "c2VlZGVkLWJ5LWJlbmNoLXNjYWxl", "cred": {"type_": "ES256", "key": {"EC_EC2": {
        "curve": "SECP256R1", "x": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "y": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}}},
    "counter": 0, "transports": ["usb"], "user_verified": True, "backup_eligible": False,
    "backup_state": False, "registration_policy": "preferred", "extensions": {},
    "attestation": {"data": "None", "metadata": "None"}, "attestation_format": "none"}},
    separators=(",", ":"))
BENCH_USER, ADMIN_USER, HOSTS_USER = ("bench@example.org", "admin@example.org",
                                      "hosts@example.org")
TABLES = ["accounts", "sessions", "audit_events", "subscriptions", "hosts", "integrations",
          "totp_devices", "passkeys"]
STARTED = time.monotonic()


def log(message):
    print(f"[{time.monotonic() - STARTED:8.1f} s] {message}", file=sys.stderr, flush=True)


class Failed(Exception):
    """A step that must succeed did not: the run stops, saying which and why."""


def q(text):
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def display_name(n):
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST)) % len(LAST)]} {n}"


def sql_case(expr, values):
    """CASE expr WHEN 0 THEN values[0] ... END (values already SQL)."""
    return (f"(case {expr} " + " ".join(f"when {i} then {v}" for i, v in enumerate(values))
            + " end)")


class Dialect:
    """What differs between the two engines' SQL."""

    def __init__(self, engine):
        self.sqlite = engine == "sqlite"
        self.false = "0" if self.sqlite else "false"
        self.id_type = "text" if self.sqlite else "uuid"
        self.int_type = "integer" if self.sqlite else "bigint"

    def uuid7(self, ms):
        """A UUIDv7 whose time is `ms` (an expression evaluated once per part, so it must
        not be random), with random bits after it."""
        if self.sqlite:
            return (f"lower(printf('%08x-%04x-7%s-%x%s-%s', ({ms}) >> 16, ({ms}) & 65535, "
                    "substr(hex(randomblob(2)), 1, 3), 8 + (random() & 3), "
                    "substr(hex(randomblob(2)), 1, 3), hex(randomblob(6))))")
        # a v4 uuid's hex from its 14th digit: 3 random, the variant, 15 random
        return (f"(lpad(to_hex({ms}), 12, '0') || '7' || "
                "substr(replace(gen_random_uuid()::text, '-', ''), 14, 19))::uuid")

    def random_bytes(self, chunks):
        """16 × `chunks` random bytes."""
        if self.sqlite:
            return f"randomblob({16 * chunks})"
        return " || ".join(["uuid_send(gen_random_uuid())"] * chunks)

    def greatest(self, a, b):
        return f"max({a}, {b})" if self.sqlite else f"greatest({a}, {b})"

    def series(self, lo, hi):
        """The CTE s(n) = lo..hi, for `with recursive`."""
        if self.sqlite:
            return f"s(n) as (select {lo} union all select n + 1 from s where n < {hi})"
        return f"s(n) as (select generate_series({lo}::bigint, {hi}::bigint))"

    def temp_tables(self):
        i, t = self.int_type, self.id_type
        tail = "" if self.sqlite else " on commit drop"
        exists = "if not exists " if self.sqlite else ""
        return [
            f"create temp table {exists}seed (n {i} primary key, id {t} not null, "
            f"c {i} not null, lastin {i} not null, pidx {i}, sub {t}){tail}",
            f"create temp table {exists}seed_hosts (id {t} primary key, n {i} not null, "
            f"k {i} not null, account_id {t} not null, sub {t} not null, at {i} not null){tail}",
        ] + (["delete from seed", "delete from seed_hosts"] if self.sqlite else [])


def batch_statements(d, lo, hi, p):
    """The statements that seed accounts lo..hi with their rows (one transaction)."""
    now, plans = p["now"], p["plans"]
    # account n: created at c (spread over the year before an hour ago, in order of n),
    # last signed in at `last` (within the last 20 days, after it was created)
    created = f"{p['start']} + (n * {p['span']}) / {p['total']}"
    last = d.greatest("c + 60", f"{now} - 300 - (n * 7919) % {20 * DAY}")
    # plans: the hosts' accounts take one that holds their hosts, the others take turns
    single = next((i for i, pl in enumerate(plans) if pl["max_hosts"] >= 1), 0)
    multi = max(range(len(plans)), key=lambda i: (plans[i]["max_hosts"] >= 3,
                                                  -plans[i]["trial_days"]))
    plan = (f"case when n % 5 = 0 then null when n % 10 = 3 then "
            f"(case when (n / 10) % 3 = 0 then {single} else {multi} end) "
            f"else (n / 5) % {len(plans)} end")
    plan_id = sql_case("pidx", [q(pl["id"]) for pl in plans])
    trial = sql_case("pidx", [str(int(pl["trial_days"])) for pl in plans])
    name = (sql_case(f"n % {len(FIRST)}", [q(f) for f in FIRST]) + " || ' ' || "
            + sql_case(f"(n / {len(FIRST)}) % {len(LAST)}", [q(x) for x in LAST])
            + " || ' ' || n")
    ip = "'198.51.100.' || (n % 250 + 1)"
    return d.temp_tables() + [
        f"""with recursive {d.series(lo, hi)}
insert into seed (n, id, c, lastin, pidx, sub)
select n, {d.uuid7("c * 1000 + (n * 389) % 1000")}, c, {last}, {plan},
       case when n % 5 = 0 then null else {d.uuid7("(c + 600) * 1000 + (n * 151) % 1000")} end
from (select n, {created} as c from s) t""",
        f"""insert into accounts (id, email, email_verified_at, password_hash, display_name,
    is_admin, status, terms_version_accepted, created_at, updated_at)
select id, 'user' || n || '@example.org', c + 120, {q(p['hash'])}, {name}, {d.false},
       case when n % 100 = 99 then 'deactivated' else 'active' end, {q(p['terms'])}, c, c + 120
from seed order by n""",
        f"""insert into sessions (id, account_id, token_hash, device_name, ip, user_agent,
    created_at, last_seen_at, expires_at)
select {d.uuid7("lastin * 1000 + (n * 613) % 1000")}, id, {d.random_bytes(2)}, {q(DEVICE)}, {ip},
       {q(USER_AGENT)}, lastin, lastin + ({now} - lastin) / 2, lastin + {p['session_days'] * DAY}
from seed where n % 100 != 99 order by n""",
        f"""with recursive k(k) as (values (0), (1), (2), (3), (4))
insert into audit_events (id, account_id, type, at, ip, user_agent, detail)
select {d.uuid7("t_at * 1000 + (n * 277 + k * 97) % 1000")}, id,
       case when k = 0 then 'account.registered' else 'sign_in.succeeded' end, t_at, {ip},
       {q(USER_AGENT)}, case when k = 0 then '{{}}' else {q(json.dumps({"device": DEVICE}))} end
from (select seed.n as n, seed.id as id, k.k as k,
             seed.c + k.k * (seed.lastin - seed.c) / 4 as t_at from seed cross join k) e
order by t_at""",
        f"""insert into subscriptions (id, account_id, plan_id, status, created_at, trial_ends_at)
select sub, id, {plan_id},
       case when {trial} = 0 then 'active'
            when c + 600 + {trial} * {DAY} > {now} then 'trialing' else 'expired' end,
       c + 600, case when {trial} = 0 then null else c + 600 + {trial} * {DAY} end
from seed where sub is not null order by n""",
        f"""with recursive k(k) as (values (1), (2), (3))
insert into seed_hosts (id, n, k, account_id, sub, at)
select {d.uuid7("(c + 600 + k * 60) * 1000 + (n * 31 + k) % 1000")}, n, k, id, sub,
       c + 600 + k * 60
from (select seed.n as n, seed.id as id, seed.sub as sub, seed.c as c, k.k as k
      from seed cross join k
      where seed.n % 10 = 3 and k.k <= 1 + (seed.n / 10) % 3) h""",
        """insert into hosts (id, account_id, subscription_id, name, domain, status,
    created_at, updated_at)
select id, account_id, sub, 'Homeserver ' || k, 'h' || k || '-u' || n || '.example.net',
       'active', at, at
from seed_hosts order by id""",
        f"""with recursive j(j) as (values (1), (2))
insert into integrations (id, account_id, host_id, kind, name, settings, created_at, updated_at)
select {d.uuid7("(at + j * 10) * 1000 + (n * 7 + k * 3 + j) % 1000")}, account_id, host_id,
       case when j = 1 then 'slack_bridge' else 'telegram_bridge' end,
       case when j = 1 then 'Slack bridge' else 'Telegram bridge' end,
       {q(json.dumps({"channel": "#general"}))}, at + j * 10, at + j * 10
from (select h.id as host_id, h.account_id as account_id, h.n as n, h.k as k, h.at as at,
             j.j as j from seed_hosts h cross join j where (h.n / 10) % 2 = 0) x""",
        f"""insert into totp_devices (id, account_id, name, secret_sealed, created_at,
    last_used_at, last_used_step)
select {d.uuid7("(c + 900) * 1000 + (n * 53) % 1000")}, id, 'Phone', {d.random_bytes(4)},
       c + 900, lastin, lastin / 30
from seed where n % 5 = 1 order by n""",
        f"""insert into passkeys (id, account_id, credential_id, name, passkey, sign_count,
    backup_eligible, backup_state, transports, created_at)
select {d.uuid7("(c + 1200) * 1000 + (n * 59) % 1000")}, id, {d.random_bytes(1)}, 'Security key',
       {q(PASSKEY_JSON)}, 0, {d.false}, {d.false}, '["usb"]', c + 1200
from seed where n % 20 = 7 order by n""",
    ]


def hosts_statements(d, email, plan_id, now, hosts=100, per_host=2):
    """One subscription with `hosts` hosts of `per_host` integrations for `email`."""
    account = f"(select id from accounts where email = {q(email)})"
    now = f"cast({now} as bigint)"  # PostgreSQL: seconds × 1000 overflow an integer
    return [
        f"""insert into subscriptions (id, account_id, plan_id, status, created_at)
select {d.uuid7(f"{now} * 1000")}, {account}, {q(plan_id)}, 'active', {now}""",
        f"""with recursive {d.series(1, hosts)}
insert into hosts (id, account_id, subscription_id, name, domain, status, created_at, updated_at)
select {d.uuid7(f"({now} + n) * 1000")}, {account},
       (select id from subscriptions where account_id = {account}),
       'Homeserver ' || n, 'bulk' || n || '.example.net', 'active', {now} + n, {now} + n
from s""",
        f"""with recursive {d.series(1, per_host)}
insert into integrations (id, account_id, host_id, kind, name, settings, created_at, updated_at)
select {d.uuid7(f"({now} + {hosts} + s.n) * 1000")}, h.account_id, h.id, 'slack_bridge',
       'Slack bridge ' || s.n, '{{}}', {now} + {hosts} + s.n, {now} + {hosts} + s.n
from hosts h cross join s where h.account_id = {account}""",
    ]


class Database:
    """Bulk SQL on the installation's database, with the server stopped."""

    def __init__(self, engine, sqlite_path=None, url=None):
        self.engine, self.path, self.url = engine, sqlite_path, url
        self.dialect = Dialect(engine)
        self.con = None
        if engine == "sqlite":
            self.con = sqlite3.connect(sqlite_path, isolation_level=None, timeout=60)
            for pragma in ("synchronous = off", "cache_size = -262144", "temp_store = memory"):
                self.con.execute(f"pragma {pragma}")

    def transaction(self, statements, timeout=3600):
        if self.con:
            self.con.execute("begin")
            try:
                for statement in statements:
                    self.con.execute(statement)
                self.con.execute("commit")
            except BaseException:
                self.con.execute("rollback")
                raise
        else:
            psql(self.url, "begin;\n" + ";\n".join(statements) + ";\ncommit;\n", timeout)

    def value(self, sql):
        if self.con:
            row = self.con.execute(sql).fetchone()
            return None if row is None else row[0]
        out = psql(self.url, sql + ";\n", 600)
        return out.strip() or None

    def run(self, sql, timeout=3600):
        if self.con:
            self.con.execute(sql)
        else:
            psql(self.url, sql + ";\n", timeout)

    def close(self):
        if self.con:
            self.con.execute("pragma wal_checkpoint(truncate)")
            self.con.close()
            self.con = None


def psql(url, sql, timeout):
    try:
        done = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url],
                              input=sql, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failed(f"psql took more than {timeout} s: {sql[:200]}")
    if done.returncode != 0:
        raise Failed(f"psql failed: {done.stderr.strip()}\n  in: {sql[:300]}")
    return done.stdout


def cli(server, *args, stdin=None, timeout=600):
    """Runs `steward --config CFG ARGS`; its standard output."""
    command = [server.binary, "--config", server.config, *args]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, text=True,
                              timeout=timeout, env=dict(os.environ, RUST_LOG="warn"))
    except subprocess.TimeoutExpired:
        raise Failed(f"`steward {' '.join(args)}` took more than {timeout} s")
    if done.returncode != 0:
        raise Failed(f"`steward {' '.join(args)}` failed ({done.returncode}): "
                     f"{done.stderr.strip()[-2000:]}")
    return done.stdout


class Client:
    """One kept-alive connection to the server, as one person's browser or script."""

    def __init__(self, port, timeout=60):
        self.port, self.timeout, self.conn = port, timeout, None

    def request(self, method, path, body=None, form=None, token=None, cookie=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
        if token:
            headers["authorization"] = "Bearer " + token
        if cookie:
            headers["cookie"] = cookie
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port,
                                                       timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                return response.status, response.read(), response
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # a kept-alive connection the server closed meanwhile: once more, anew
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def close(self):
        if self.conn:
            self.conn.close()


def expect(what, status, raw, wanted):
    if status not in wanted:
        text = raw[:500].decode("utf-8", "replace") if raw else ""
        raise Failed(f"{what}: answered {status}, expected {'/'.join(map(str, wanted))}: {text}")


def timed(client, what, method, path, wanted=(200,), check=None, warmups=3, samples=40,
          slow_ms=1000, **kw):
    """The latencies in ms of `samples` requests after `warmups`; every answer checked.
    A request slower than `slow_ms` in the warm-ups takes a quarter of the samples."""
    latencies = []
    count = warmups + samples
    i = 0
    while i < count:
        sent = time.perf_counter()
        status, raw, _ = client.request(method, path, **kw)
        took = (time.perf_counter() - sent) * 1000
        expect(f"{what} (request {i + 1} of {count}: {method} {path})", status, raw, wanted)
        if check:
            problem = check(json.loads(raw) if raw[:1] in (b"{", b"[") else raw)
            if problem:
                raise Failed(f"{what} (request {i + 1} of {count}: {method} {path}): {problem}")
        i += 1
        if i > warmups:
            latencies.append(took)
        elif i == warmups and took > slow_ms and samples > 5:
            count = warmups + max(5, samples // 4)
            log(f"  {what}: {took:.0f} ms a request; {count - warmups} samples")
    return latencies


def items_check(minimum=None, exactly=None, has_email=None):
    def check(body):
        items = body.get("items") if isinstance(body, dict) else None
        if items is None:
            return "no items in the answer"
        if minimum is not None and len(items) < minimum:
            return f"{len(items)} items, expected at least {minimum}"
        if exactly is not None and len(items) != exactly:
            return f"{len(items)} items, expected {exactly}"
        if has_email and not any(i.get("email") == has_email for i in items):
            return f"{has_email} is not among the {len(items)} items found"
        return None
    return check


def console_sign_in(client, email):
    """Signs in through the console's form, as a browser does; the session's cookie."""
    status, raw, response = client.request("GET", "/sign-in")
    expect("GET /sign-in", status, raw, (200,))
    cookies = [c.split(";")[0] for c in response.headers.get_all("set-cookie") or []]
    csrf_cookie = next((c for c in cookies if c.startswith("steward_csrf=")), None)
    if not csrf_cookie:
        raise Failed("GET /sign-in set no steward_csrf cookie")
    found = re.search(r'name="csrf" value="([^"]*)"', raw.decode())
    if not found:
        raise Failed("GET /sign-in: no csrf field in the form")
    form = {"csrf": html.unescape(found.group(1)), "email": email, "password": PASSWORD,
            "next": ""}
    status, raw, response = client.request("POST", "/sign-in", form=form, cookie=csrf_cookie)
    expect("POST /sign-in (console)", status, raw, (303,))
    session = next((c.split(";")[0] for c in response.headers.get_all("set-cookie") or []
                    if c.startswith("steward_session=")), None)
    if not session:
        raise Failed("POST /sign-in (console) set no steward_session cookie")
    return session


def seed(db, size, batch, password_hash, config, now):
    """Grows the database to `size` accounts; seconds it took."""
    params = {
        "total": size, "now": now, "start": now - 365 * DAY, "span": 365 * DAY - 3600,
        "hash": password_hash, "terms": config["terms"]["version"], "plans": config["plans"],
        "session_days": int(config["security"]["session_absolute_days"]),
    }
    began = time.monotonic()
    for lo in range(1, size + 1, batch):
        hi = min(size, lo + batch - 1)
        step = time.monotonic()
        db.transaction(batch_statements(db.dialect, lo, hi, params))
        log(f"  seeded accounts {lo:,}-{hi:,} in {time.monotonic() - step:.1f} s")
    return time.monotonic() - began


def one_size(args, engine, size, work, smtp, cluster_url, servers):
    """Every figure of one engine at one size: {key: figure}."""
    figures = {}

    def one(key, label, value, unit):
        figures[key] = {"label": label, "value": value, "unit": unit}

    def lat(key, label, samples):
        figures[key] = {"label": label, "samples_ms": samples, "unit": "ms",
                        "p50": percentile(samples, 50), "p99": percentile(samples, 99)}
        log(f"  {label}: p50 {figures[key]['p50']:.2f} ms, p99 {figures[key]['p99']:.2f} ms")

    data = os.path.join(work, f"{engine}-{size}")
    os.makedirs(data)
    databases = []  # PostgreSQL databases of this size, dropped at the end
    base = cluster_url.rsplit("/", 1)[0] if cluster_url else None
    if engine == "postgres":
        name = f"scale_{size}"
        psql(cluster_url, f"drop database if exists {name};\ncreate database {name};\n", 120)
        databases.append(name)
        url = f"{base}/{name}"
        server = PgServer(args.binary, data, smtp.port, url)
        db_path = None
    else:
        url = None
        server = Server(args.binary, data, smtp.port)
        db_path = os.path.join(data, "data", "steward.db")
    try:
        step = time.monotonic()
        cli(server, "migrate")
        config = tomllib.loads(cli(server, "config", "check"))
        if not config.get("plans"):
            raise Failed("the configuration has no [[plans]]")
        for email, admin in ((BENCH_USER, False), (ADMIN_USER, True)):
            cli(server, "user", "create", "--email", email, *(["--admin"] if admin else []),
                "--password-stdin", stdin=PASSWORD + "\n")
        cli(server, "user", "create", "--email", HOSTS_USER)
        admin_token = cli(server, "token", "create", "--name", "scale-bench").strip()
        if not admin_token:
            raise Failed("steward token create printed no token")
        log(f"{engine} {size:,}: migrated, 3 accounts and an API token made with the CLI "
            f"in {time.monotonic() - step:.1f} s")

        db = Database(engine, db_path, url)
        try:
            password_hash = db.value(
                f"select password_hash from accounts where email = {q(BENCH_USER)}")
            if not password_hash or not password_hash.startswith("$argon2"):
                raise Failed(f"no password hash to copy from {BENCH_USER}: {password_hash!r}")
            now = int(time.time())
            log(f"{engine} {size:,}: seeding in batches of {args.batch:,}")
            seconds = seed(db, size, args.batch, password_hash, config, now)
            one("seed", "seed N accounts with their rows (s)", seconds, "s")
            # the seeded rows (and the 3 accounts of the CLI), before the 100-host account's
            rows = {t: int(db.value(f"select count(*) from {t}")) for t in TABLES}
            db.transaction(hosts_statements(db.dialect, HOSTS_USER, config["plans"][0]["id"],
                                            now))
            # PostgreSQL as its autovacuum would leave it; SQLite without statistics, as
            # the server keeps it (it never runs ANALYZE: see its scale migration)
            step = time.monotonic()
            if engine == "postgres":
                db.run("vacuum analyze", 7200)
                one("analyze", "VACUUM ANALYZE after seeding (s)", time.monotonic() - step, "s")
            log(f"{engine} {size:,}: seeded in {seconds:.1f} s, "
                f"analysed in {time.monotonic() - step:.1f} s; rows: "
                + ", ".join(f"{t} {n:,}" for t, n in rows.items()))
            figures["rows"] = rows

            def account_id(email):
                found = db.value(f"select id from accounts where email = {q(email)}")
                if not found:
                    raise Failed(f"no account {email}")
                return found

            middle = account_id(f"user{max(1, size // 2)}@example.org")
            detail_n = max(3, (size // 2) // 10 * 10 + 3)
            detail_n = detail_n if detail_n <= size else 1
            detail = account_id(f"user{detail_n}@example.org")
            hosts_account = account_id(HOSTS_USER)
        finally:
            db.close()

        email_n = max(1, (3 * size) // 4 + 1)
        name_n = max(1, size // 3 + 1)
        step = time.monotonic()
        servers.append(server)
        startup = server.start()
        one("startup", "start-up to /readyz 200 (ms)", startup, "ms")
        log(f"{engine} {size:,}: server ready in {startup:.0f} ms")

        client = Client(server.port)
        try:
            status, raw, _ = client.request("POST", "/api/v1/sessions",
                                            body={"email": BENCH_USER, "password": PASSWORD})
            expect("sign-in of the bench user", status, raw, (201,))
            token = json.loads(raw)["token"]
            status, raw, _ = client.request(
                "POST", "/api/v1/account/terms", body={"version": config["terms"]["version"]},
                token=token)
            expect("accepting the terms", status, raw, (204,))
            cookie = console_sign_in(client, BENCH_USER)
            n = dict(warmups=args.warmups, samples=args.samples, slow_ms=args.slow_ms)

            lat("account", "GET /api/v1/account",
                timed(client, "GET /api/v1/account", "GET", "/api/v1/account", token=token, **n))
            for key, path in (("console_account", "/account"),
                              ("console_security", "/account/security"),
                              ("console_devices", "/account/sessions"),
                              ("console_activity", "/account/activity")):
                lat(key, f"GET {path} (console)",
                    timed(client, f"GET {path}", "GET", path, cookie=cookie, **n))
            lat("sign_in", "POST /api/v1/sessions (sign-in)",
                timed(client, "POST /api/v1/sessions", "POST", "/api/v1/sessions",
                      wanted=(201,), body={"email": BENCH_USER, "password": PASSWORD}, **n))

            users = "/api/v1/admin/users"
            admin = dict(token=admin_token, **n)
            lat("admin_first", "admin: users, first page (50)",
                timed(client, "admin first page", "GET", f"{users}?limit=50",
                      check=items_check(exactly=min(50, size + 3)), **admin))
            lat("admin_deep", "admin: users, a page from the middle (cursor)",
                timed(client, "admin deep page", "GET",
                      f"{users}?limit=50&cursor={middle}",
                      check=items_check(exactly=min(50, max(0, size // 2 - 1))), **admin))
            searches = (
                ("search_email", "admin: search, a hit by email", f"user{email_n}",
                 items_check(minimum=1, has_email=f"user{email_n}@example.org")),
                ("search_name", "admin: search, a hit by name", display_name(name_n),
                 items_check(minimum=1, has_email=f"user{name_n}@example.org")),
                ("search_none", "admin: search, no hit", "qzxj-nobody", items_check(exactly=0)),
                ("search_short", "admin: search, 2 characters, no hit", "qz",
                 items_check(exactly=0)),
            )
            for key, label, query, check in searches:
                lat(key, label, timed(client, label, "GET",
                                      f"{users}?query={urllib.parse.quote(query)}",
                                      check=check, **admin))
            lat("admin_user", "admin: one user",
                timed(client, "admin one user", "GET", f"{users}/{detail}",
                      check=lambda b: None if b.get("id") == detail else "another user",
                      **admin))
            lat("admin_events", "admin: events, type=sign_in.succeeded",
                timed(client, "admin sign-in events", "GET",
                      "/api/v1/admin/events?type=sign_in.succeeded",
                      check=items_check(minimum=min(50, size)), **admin))

            # deleting the account with 100 hosts, until it is gone
            sent = time.perf_counter()
            status, raw, _ = client.request("DELETE", f"{users}/{hosts_account}",
                                            token=admin_token)
            expect("DELETE the account with 100 hosts", status, raw, (202,))
            answered = (time.perf_counter() - sent) * 1000
            deadline = time.monotonic() + args.delete_timeout
            while True:
                status, raw, _ = client.request("GET", f"{users}/{hosts_account}",
                                                token=admin_token)
                expect("GET the account being deleted", status, raw, (200, 404))
                if status == 404:
                    break
                if time.monotonic() > deadline:
                    raise Failed(f"the account with 100 hosts was still there after "
                                 f"{args.delete_timeout} s")
                time.sleep(0.002)
            gone = (time.perf_counter() - sent) * 1000
            one("delete", "delete an account with 100 hosts × 2 integrations, "
                "until GET answers 404 (ms)", gone, "ms")
            figures["delete"]["delete_answered_ms"] = answered
            log(f"  deletion: answered in {answered:.1f} ms, gone after {gone:.0f} ms")
        finally:
            client.close()
        server.stop()
        servers.remove(server)

        if engine == "sqlite":
            size_bytes = sum(os.path.getsize(p) for p in (db_path, db_path + "-wal")
                             if os.path.exists(p))
        else:
            size_bytes = int(psql(cluster_url, f"select pg_database_size('scale_{size}');\n",
                                  120).strip())
        one("db_size", "database size (MiB)", size_bytes / 2**20, "MiB")
        log(f"{engine} {size:,}: database {size_bytes / 2**20:.1f} MiB")

        if engine == "sqlite":
            backup = os.path.join(data, "backup.db")
            step = time.monotonic()
            cli(server, "backup", backup, timeout=args.command_timeout)
            one("backup", "steward backup (s)", time.monotonic() - step, "s")
            figures["backup"]["bytes"] = os.path.getsize(backup)
            os.remove(backup)
            log(f"{engine} {size:,}: backup in {figures['backup']['value']:.1f} s")
            if args.copy:
                name = f"copy_{size}"
                psql(cluster_url, f"drop database if exists {name};\ncreate database {name};\n",
                     120)
                databases.append(name)
                step = time.monotonic()
                out = cli(server, "db", "copy", "--to", f"{base}/{name}",
                          timeout=args.command_timeout)
                one("copy", "steward db copy --to PostgreSQL (s)", time.monotonic() - step, "s")
                log(f"{engine} {size:,}: db copy in {figures['copy']['value']:.1f} s: "
                    + next((line for line in out.splitlines() if line.startswith("copied")),
                           "(no summary)"))
    except BaseException:
        log_tail(os.path.join(data, "server.log"))
        raise
    finally:
        if server in servers and server.proc and server.proc.poll() is None:
            stop_quietly(server)
            servers.remove(server)
        for name in databases:
            try:
                psql(cluster_url, f"drop database if exists {name} with (force);\n", 300)
            except Failed as e:
                log(f"could not drop {name}: {e}")
        if not args.keep:
            shutil.rmtree(data, ignore_errors=True)
    return figures


def log_tail(path, lines=30):
    try:
        with open(path, errors="replace") as f:
            tail = f.read().splitlines()[-lines:]
    except OSError:
        return
    if tail:
        print(f"--- the last lines of {path}:", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)


def stop_quietly(server):
    try:
        server.stop()
    except Exception:
        server.proc.kill()
        server.proc.wait(10)


ROWS = [  # the figures, in the order of the tables
    "seed", "analyze", "startup", "sign_in", "account", "console_account", "console_security",
    "console_devices", "console_activity", "admin_first", "admin_deep", "search_email",
    "search_name", "search_none", "search_short", "admin_user", "admin_events", "delete",
    "backup", "copy", "db_size",
]


def fmt(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def print_tables(results, sizes):
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    for engine, by_size in results.items():
        done = [s for s in sizes if s in by_size]
        if not done:
            continue
        print(f"\n{names[engine]} (requests: p50 / p99 ms, one at a time)\n")
        print("| figure | " + " | ".join(f"{s:,} accounts" for s in done) + " | growth |")
        print("| --- |" + " --- |" * (len(done) + 1))
        for key in ROWS:
            cells, label, values = [], None, []
            for s in done:
                figure = by_size[s].get(key)
                if figure is None:
                    cells.append("")
                    continue
                label = figure["label"]
                if "p50" in figure:
                    cells.append(f"{fmt(figure['p50'])} / {fmt(figure['p99'])}")
                    values.append(figure["p50"])
                else:
                    cells.append(fmt(figure["value"]))
                    values.append(figure["value"])
            if label is None:
                continue
            first, largest = by_size[done[0]].get(key), by_size[done[-1]].get(key)
            growth = (f"{values[-1] / values[0]:.2f}×" if len(done) > 1 and first and largest
                      and values[0] > 0 else "")
            print(f"| {label} | " + " | ".join(cells) + f" | {growth} |")
        print(f"\nrows seeded ({names[engine]})\n")
        print("| table | " + " | ".join(f"{s:,} accounts" for s in done) + " |")
        print("| --- |" + " --- |" * len(done))
        for table in TABLES:
            print(f"| {table} | " + " | ".join(f"{by_size[s]['rows'][table]:,}" for s in done)
                  + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "target/release/steward"))
    ap.add_argument("--engines", default="sqlite,postgres",
                    help="comma-separated: sqlite, postgres (default both)")
    ap.add_argument("--sizes", default="1000,100000,1000000",
                    help="comma-separated account counts (default 1000,100000,1000000)")
    ap.add_argument("--batch", type=int, default=50_000, help="accounts per seeding transaction")
    ap.add_argument("--samples", type=int, default=40, help="timed requests per figure")
    ap.add_argument("--warmups", type=int, default=3, help="untimed requests before them")
    ap.add_argument("--slow-ms", type=float, default=1000,
                    help="a request slower than this in the warm-ups takes 1/4 of the samples")
    copy = ap.add_mutually_exclusive_group()
    copy.add_argument("--copy", dest="copy", action="store_true", default=None,
                      help="time `steward db copy` even when only sqlite runs")
    copy.add_argument("--no-copy", dest="copy", action="store_false",
                      help="skip `steward db copy` (slow at 1,000,000)")
    ap.add_argument("--delete-timeout", type=float, default=300,
                    help="seconds the 100-host account may take to go")
    ap.add_argument("--command-timeout", type=float, default=7200,
                    help="seconds `steward backup` and `db copy` may take")
    ap.add_argument("--keep", action="store_true", help="keep the data folders (debugging)")
    ap.add_argument("--json", help="also write every raw figure to this file")
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if not engines or any(e not in ("sqlite", "postgres") for e in engines):
        sys.exit("--engines: sqlite, postgres or both")
    try:
        sizes = sorted({int(s.strip().replace("_", "")) for s in args.sizes.split(",")
                        if s.strip()})
    except ValueError:
        sys.exit("--sizes: comma-separated whole numbers")
    if not sizes or sizes[0] < 1:
        sys.exit("--sizes: at least one size, each at least 1")
    if args.copy is None:
        args.copy = "sqlite" in engines and "postgres" in engines
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} is missing: cargo build --release --bin steward "
                 "(or give --binary)")
    need_cluster = "postgres" in engines or ("sqlite" in engines and args.copy)
    if need_cluster and not shutil.which("psql") and os.geteuid() != 0:
        sys.exit("psql is needed (Debian: apt-get install postgresql), or run as root")

    work = tempfile.mkdtemp(prefix="steward-scale-")
    cluster, cluster_url, servers = None, None, []
    smtp = SmtpReceiver()
    results = {engine: {} for engine in engines}
    failed = None
    try:
        if need_cluster:
            # a folder of its own under /tmp: the postgres user must reach it
            cluster = tempfile.mkdtemp(prefix="steward-scale-cluster-")
            started = subprocess.run([os.path.join(ROOT, "scripts/pg-cluster"), "start", cluster],
                                     capture_output=True, text=True, timeout=900)
            if started.returncode != 0:
                raise Failed(f"scripts/pg-cluster start failed: {started.stderr.strip()}")
            cluster_url = started.stdout.strip().splitlines()[-1]
            log(f"PostgreSQL cluster at {cluster_url}")
        for engine in engines:
            for size in sizes:
                log(f"{engine} {size:,}: begins")
                began = time.monotonic()
                results[engine][size] = one_size(args, engine, size, work, smtp, cluster_url,
                                                 servers)
                log(f"{engine} {size:,}: done in {time.monotonic() - began:.0f} s")
    except Failed as e:
        failed = str(e)
    except KeyboardInterrupt:
        failed = "interrupted"
    except SystemExit as e:  # bench/run.py's Server.start gives up so
        failed = str(e.code)
    except Exception as e:
        failed = f"{type(e).__name__}: {e}"
    finally:
        for server in servers:
            if server.proc and server.proc.poll() is None:
                stop_quietly(server)
        if cluster:
            subprocess.run([os.path.join(ROOT, "scripts/pg-cluster"), "stop", cluster],
                           capture_output=True, timeout=120)
            shutil.rmtree(cluster, ignore_errors=True)
        if args.keep:
            log(f"data kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nSteward at scale: {os.cpu_count()} cores, {args.samples} samples after "
          f"{args.warmups} warm-ups per request, {os.path.basename(args.binary)} "
          f"({args.binary}), {time.strftime('%Y-%m-%d')}")
    print_tables(results, sizes)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"binary": args.binary, "date": time.strftime("%Y-%m-%d %H:%M:%S"),
                       "cores": os.cpu_count(), "samples": args.samples,
                       "warmups": args.warmups, "failed": failed,
                       "results": {e: {str(s): r for s, r in by.items()}
                                   for e, by in results.items()}}, f, indent=1)
    if failed:
        print(f"\nFAILED: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
