"""PlaidLua's whole-process benchmarks, each side by side with what it is measured against, in
one run, alternating the sides round by round (these machines drift 10-30% between runs).

Run through scripts/bench/run.sh, which installs the tools and builds the binaries; this file
only measures. With --output it replaces the part of docs/performance.md between the results
markers; --smoke runs every comparison at a tiny size to prove the suite still works.
"""
import argparse
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "scripts", "bench")
BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(command, env=None, timeout=1800, **kwargs):
    """Runs a command to completion; its stdout, or an error naming the command."""
    merged = dict(os.environ, **(env or {}))
    done = subprocess.run(command, env=merged, capture_output=True, text=True, timeout=timeout, **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def child_cpu_seconds():
    """User and system CPU of every child process waited for so far (a running server's is not
    in it until it ends)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def last_json(text):
    return json.loads(text.strip().splitlines()[-1])


class Sizes:
    def __init__(self, smoke):
        self.rounds = 1 if smoke else 3
        self.batch_calls = 300 if smoke else 20_000
        self.wrk_seconds = 1 if smoke else 8
        self.hyperfine_runs = 3 if smoke else 30
        self.memory_records = [1_000, 5_000] if smoke else [100_000, 250_000, 500_000, 750_000, 1_000_000]
        self.decode_rounds = 200 if smoke else 20_000
        self.filled_items = 500 if smoke else 100_000


def peak_rss_kib(pid):
    """A running process's peak resident memory so far (VmHWM)."""
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1))


class Sandbox:
    """`plaidlua sandbox serve` on a free loopback port, with its keys and processor tokens."""

    def __init__(self, plaidlua, work, database=None):
        """`database`: a PostgreSQL URL (password included) to keep the state in, instead of SQLite."""
        self.data = os.path.join(work, "data")
        self.log = open(os.path.join(work, "serve.log"), "w")
        store = {"PLAIDLUA_SANDBOX_DATABASE": database} if database else {}
        self.process = subprocess.Popen([plaidlua, "sandbox", "serve", "--port", "0", "--data", self.data],
                                        stdout=subprocess.PIPE, stderr=self.log, text=True, env=dict(os.environ, **store))
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            raise RuntimeError(f"the sandbox did not start: {line}")
        self.url = match.group(0)
        credentials = json.loads(run([plaidlua, "sandbox", "credentials", "--data", self.data, "--json"], env=store))
        self.developer = credentials["developer"]
        self.dwolla = credentials["processors"]["dwolla"]
        self.env = {
            # The clients' own data directory, where their audit log goes.
            "PLAIDLUA_HOME": os.path.join(work, "client-home"),
            "PLAID_ENV": self.url,
            "PLAID_CLIENT_ID": self.developer["client_id"], "PLAID_SECRET": self.developer["secret"],
            "PLAID_DWOLLA_CLIENT_ID": self.dwolla["client_id"], "PLAID_DWOLLA_SECRET": self.dwolla["secret"],
        }

    def post(self, path, body, partner=True):
        keys = self.dwolla if partner else self.developer
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/json", "PLAID-CLIENT-ID": keys["client_id"], "PLAID-SECRET": keys["secret"]})
        with urllib.request.urlopen(request) as response:
            return response.read()

    def peak_rss_kib(self):
        return peak_rss_kib(self.process.pid)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def processor_tokens(plaidlua, sandbox, count, path):
    """`count` dwolla processor tokens on one Item, one per line in `path`."""
    script = """
        local plaid = require "plaid"
        local client = plaid.client()
        local public = client:sandbox_public_token_create { institution_id = "ins_109508", initial_products = { "auth", "identity" } }
        local item = client:item_public_token_exchange { public_token = public.public_token }
        local account = client:accounts_get { access_token = item.access_token }.accounts[1].account_id
        local tokens = {}
        for i = 1, tonumber(arg[1]) do
          tokens[i] = client:processor_token_create { access_token = item.access_token, account_id = account, processor = "dwolla" }.processor_token
        end
        io.write(table.concat(tokens, "\\n"), "\\n")
    """
    script_path = path + ".lua"
    with open(script_path, "w") as file:
        file.write(script)
    with open(path, "w") as file:
        file.write(run([plaidlua, script_path, str(count)], env=sandbox.env))
    return [line for line in open(path).read().splitlines() if line]


def write_records(path, tokens, count):
    with open(path, "w") as file:
        for index in range(count):
            file.write('{"processor_token": "%s"}\n' % tokens[index % len(tokens)])


HANDLER = """-- One processor_auth_get per record, as the partner; the result is the request_id.
return function(record, ctx)
  return ctx.partner("dwolla"):processor_auth_get { processor_token = record.processor_token }.request_id
end
"""


def summary(values, unit=""):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values), "unit": unit}


def alternate(rounds, sides):
    """Runs every side once per round, rotating which goes first; the figures by side."""
    results = {name: [] for name, _ in sides}
    for round_index in range(rounds):
        order = sides[round_index % len(sides):] + sides[:round_index % len(sides)]
        for name, measure in order:
            value = measure()
            log(f"round {round_index + 1}: {name} = {value:.1f}")
            results[name].append(value)
    return results


# --- 1. batch throughput ---------------------------------------------------------------------

# The same batch with PLAIDLUA_AUDIT=off: what the audit log costs (target: at most 10%).
AUDIT_OFF = "plaidlua batch, audit log off"


def write_handler(work):
    """The batch handler, one Auth call a record; each part that runs it writes it, so it runs alone."""
    handler = os.path.join(work, "auth_handler.lua")
    with open(handler, "w") as file:
        file.write(HANDLER)
    return handler


def bench_batch(args, sizes, sandbox, work, tokens_path, tokens):
    records = os.path.join(work, "batch.jsonl")
    write_records(records, tokens, sizes.batch_calls)
    handler = write_handler(work)

    def plaidlua_batch(audit="on"):
        output = os.path.join(work, "batch-out.jsonl")
        if os.path.exists(output):
            os.remove(output)
        summary_path = os.path.join(work, "batch-summary.json")
        run([args.plaidlua, "batch", handler, "--input", records, "--output", output, "--concurrency", "64",
             "--summary", summary_path], env=dict(sandbox.env, PLAIDLUA_AUDIT=audit))
        result = json.load(open(summary_path))
        if result["failed"]:
            raise RuntimeError(f"plaidlua batch: {result['failed']} records failed")
        return result["records"] / result["elapsed_seconds"]

    def python_client():
        result = last_json(run([args.python, os.path.join(BENCH, "python_client.py"), sandbox.url, sandbox.dwolla["client_id"],
                                sandbox.dwolla["secret"], tokens_path, str(sizes.batch_calls), "64"]))
        if result["failures"]:
            raise RuntimeError(f"python client: {result['failures']} calls failed")
        return result["calls_per_second"]

    def bare_client():
        result = last_json(run([args.loadgen, "--url", sandbox.url, "--client-id", sandbox.dwolla["client_id"],
                                "--secret", sandbox.dwolla["secret"], "--tokens", tokens_path,
                                "--calls", str(sizes.batch_calls), "--concurrency", "64"]))
        if result["failures"]:
            raise RuntimeError(f"bare client: {result['failures']} calls failed")
        return result["calls_per_second"]

    # Client and server share the cores, so calls/s is partly the server's; each client's own
    # CPU time per call (user + system, of its process alone) is the client's share.
    cpu = {}

    def timed(name, measure):
        def side():
            before = child_cpu_seconds()
            value = measure()
            cpu.setdefault(name, []).append((child_cpu_seconds() - before) / sizes.batch_calls * 1e6)
            return value
        return (name, side)

    results = alternate(sizes.rounds, [timed("plaidlua batch", plaidlua_batch), timed("plaid-python, 64 threads", python_client),
                                       timed("AsyncHTTPClient loop", bare_client),
                                       timed(AUDIT_OFF, lambda: plaidlua_batch(audit="off"))])
    return ({name: summary(values, "calls/s") for name, values in results.items()},
            {name: summary(values, "µs/call") for name, values in cpu.items()})


# --- 2. sandbox throughput against nginx ------------------------------------------------------

NGINX_CONF = """daemon off;
worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-body;
  server {{
    listen 127.0.0.1:{port};
    location = /processor/auth/get {{
      default_type application/json;
      alias {work}/static/auth.json;
      # nginx answers POST to a static file with 405; the redirect serves the file as a GET.
      error_page 405 =200 $uri;
    }}
  }}
}}
"""

WRK_SCRIPT = """wrk.method = "POST"
wrk.body = '{body}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["PLAID-CLIENT-ID"] = "{client_id}"
wrk.headers["PLAID-SECRET"] = "{secret}"
"""


def free_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse_wrk(text):
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    return rate, latency(50), latency(99), int(non_2xx.group(1)) if non_2xx else 0


def bench_server(args, sizes, sandbox, work, token):
    body = json.dumps({"processor_token": token})
    response = sandbox.post("/processor/auth/get", {"processor_token": token})
    static = os.path.join(work, "static")
    os.makedirs(static, exist_ok=True)
    # nginx's workers run as an unprivileged user, who must be able to read the file.
    os.chmod(work, 0o755)
    os.chmod(static, 0o755)
    with open(os.path.join(static, "auth.json"), "wb") as file:
        file.write(response)
    port = free_port()
    os.makedirs(os.path.join(work, "nginx-body"), exist_ok=True)
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as file:
        file.write(NGINX_CONF.format(work=work, port=port))
    nginx = subprocess.Popen(["nginx", "-c", conf, "-p", work], stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    script = os.path.join(work, "post.lua")
    with open(script, "w") as file:
        file.write(WRK_SCRIPT.format(body=body, client_id=sandbox.dwolla["client_id"], secret=sandbox.dwolla["secret"]))
    nginx_url = f"http://127.0.0.1:{port}/processor/auth/get"
    results = {}
    try:
        check = urllib.request.urlopen(urllib.request.Request(nginx_url, data=body.encode(), method="POST")).read()
        if check != response:
            raise RuntimeError("nginx does not answer with the sandbox's response")
        for connections in (1, 16, 64):
            figures = {"sandbox": [], "nginx": []}

            def measure(url, name):
                def once():
                    text = run(["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{sizes.wrk_seconds}s",
                                "--latency", "-s", script, url])
                    rate, p50, p99, bad = parse_wrk(text)
                    if bad:
                        raise RuntimeError(f"{name}: {bad} answers were not 2xx")
                    figures[name].append((rate, p50, p99))
                    return rate
                return once
            alternate(sizes.rounds, [("sandbox", measure(sandbox.url + "/processor/auth/get", "sandbox")),
                                     ("nginx", measure(nginx_url, "nginx"))])
            results[connections] = {name: {"rate": summary([f[0] for f in values], "req/s"),
                                           "p50": summary([f[1] for f in values], "ms"),
                                           "p99": summary([f[2] for f in values], "ms")}
                                    for name, values in figures.items()}
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
    return results


# --- 3. start-up -------------------------------------------------------------------------------

def bench_startup(args, sizes, work):
    home = os.path.join(work, "startup-home")
    export = os.path.join(work, "hyperfine.json")
    plaidlua = args.installed or args.plaidlua
    commands = {
        "lua5.4 -e ''": "lua5.4 -e ''",
        "plaidlua -e ''": f"{plaidlua} -e ''",
        "plaidlua -e 'require \"plaid\"'": f"{plaidlua} -e 'require \"plaid\"'",
        "plaidlua -e 'require(\"plaid\").client()' (embedded sandbox)": f"{plaidlua} -e 'require(\"plaid\").client()'",
    }
    run(["hyperfine", "--warmup", "3", "--runs", str(sizes.hyperfine_runs), "--export-json", export, "--shell=none"]
        + list(commands.values()), env={"PLAIDLUA_HOME": home})
    timings = json.load(open(export))["results"]
    results = {name: summary([t * 1000 for t in timing["times"]], "ms") for name, timing in zip(commands, timings)}
    quickstart = []
    for _ in range(max(1, sizes.rounds)):
        started = time.perf_counter()
        run([plaidlua, os.path.join(ROOT, "scripts", "quickstart.lua")], env={"PLAIDLUA_HOME": home})
        quickstart.append((time.perf_counter() - started) * 1000)
    results["plaidlua scripts/quickstart.lua"] = summary(quickstart, "ms")
    return results


# --- 4. memory -----------------------------------------------------------------------------------

def bench_memory(args, sizes, sandbox, work, tokens):
    """One run over the most records, with the peak RSS so far (VmHWM) read as the output passes
    each checkpoint: growth within one process, since two runs' peaks differ by a few MiB with
    what glibc's arenas happen to keep (see docs/performance.md)."""
    handler = write_handler(work)
    checkpoints = sizes.memory_records
    count = checkpoints[-1]
    records = os.path.join(work, "memory.jsonl")
    write_records(records, tokens, count)
    output = os.path.join(work, "memory-out.jsonl")
    if os.path.exists(output):
        os.remove(output)
    errors_path = os.path.join(work, "memory-errors.txt")
    started = time.monotonic()
    with open(errors_path, "w") as errors:
        process = subprocess.Popen([args.plaidlua, "batch", handler, "--input", records, "--output", output,
                                    "--concurrency", "256"], env=dict(os.environ, **sandbox.env),
                                   stdout=subprocess.DEVNULL, stderr=errors)
    peaks, lines, pending = {}, 0, list(checkpoints[:-1])
    with open(output, "a+b") as written:
        written.seek(0)
        while True:
            # wait4 rather than poll: it also gives the finished process's own peak RSS.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > 3600:
                process.kill()
                raise RuntimeError(f"memory run over {count} records did not end within an hour")
            lines += written.read().count(b"\n")
            while pending and lines >= pending[0]:
                peaks[pending.pop(0)] = peak_rss_kib(process.pid) / 1024
            time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise RuntimeError(f"memory run exited {process.returncode}: {open(errors_path).read()[-2000:]}")
    written_lines = sum(1 for _ in open(output))
    if written_lines != count or pending:
        raise RuntimeError(f"memory run over {count} records wrote {written_lines} lines")
    peaks[count] = usage.ru_maxrss / 1024
    os.remove(output)
    os.remove(records)
    return {"peaks_mib": peaks, "seconds": seconds}


# --- 5. the bridge: JSON bytes to a Lua table ---------------------------------------------------

def bench_bridge(args, sizes, sandbox, work, token):
    bodies = {
        "/processor/auth/get": sandbox.post("/processor/auth/get", {"processor_token": token}),
        "/processor/identity/get": sandbox.post("/processor/identity/get", {"processor_token": token}),
    }
    results = {}
    for path, body in bodies.items():
        sample = os.path.join(work, path.strip("/").replace("/", "_") + ".json")
        with open(sample, "wb") as file:
            file.write(body)

        def plaidlua_decode():
            return last_json(run([args.plaidlua, os.path.join(BENCH, "json_decode.lua"), sample, str(sizes.decode_rounds)]))["decodes_per_second"]

        def cjson_decode():
            return last_json(run(["lua5.4", os.path.join(BENCH, "cjson_decode.lua"), sample, str(sizes.decode_rounds)]))["decodes_per_second"]
        figures = alternate(sizes.rounds, [("plaid.json.decode", plaidlua_decode), ("lua-cjson", cjson_decode)])
        results[path] = {"bytes": len(body), **{name: summary(values, "decodes/s") for name, values in figures.items()}}
    return results


# --- 6. a sandbox that stays fast as it fills -------------------------------------------------

FILL_HANDLER = """-- One new Item per record, made with a processor token on its checking account.
return function(record, ctx)
  return ctx.partner("dwolla"):sandbox_processor_token_create { institution_id = "ins_109508" }.request_id
end
"""


def database_bytes(sandbox):
    return sum(os.path.getsize(os.path.join(sandbox.data, name)) for name in os.listdir(sandbox.data) if name.startswith("sandbox.sqlite"))


def bench_filled(args, sizes, work):
    """Two sandboxes side by side, one with a single Item and one with `filled_items` more: the
    p99 of Auth and of a transactions sync on each, and what the Items cost on disk."""
    for name in ("fresh", "filled"):
        os.makedirs(os.path.join(work, name))
    fresh, filled = Sandbox(args.plaidlua, os.path.join(work, "fresh")), None
    try:
        filled = Sandbox(args.plaidlua, os.path.join(work, "filled"))
        tokens = {name: processor_tokens(args.plaidlua, sandbox, 1, os.path.join(work, f"{name}-token.txt"))[0]
                  for name, sandbox in (("fresh", fresh), ("filled", filled))}
        before = database_bytes(filled)
        records = os.path.join(work, "fill.jsonl")
        with open(records, "w") as file:
            file.writelines("{}\n" for _ in range(sizes.filled_items))
        handler = os.path.join(work, "fill_handler.lua")
        with open(handler, "w") as file:
            file.write(FILL_HANDLER)
        summary_path = os.path.join(work, "fill-summary.json")
        started = time.perf_counter()
        run([args.plaidlua, "batch", handler, "--input", records, "--output", os.path.join(work, "fill-out.jsonl"),
             "--concurrency", "64", "--summary", summary_path], env=dict(filled.env, PLAIDLUA_AUDIT="off"))
        if json.load(open(summary_path))["failed"]:
            raise RuntimeError("filling the sandbox: some Items were not made")
        fill_seconds = time.perf_counter() - started
        grown = database_bytes(filled) - before
        with sqlite3.connect(f"file:{os.path.join(filled.data, 'sandbox.sqlite')}?mode=ro", uri=True) as database:
            items = database.execute("SELECT count(*) FROM item").fetchone()[0]
            stored = database.execute("SELECT count(*) FROM created_transaction").fetchone()[0]
        if items != sizes.filled_items + 1 or stored:
            raise RuntimeError(f"the filled sandbox holds {items} Items and {stored} stored transactions")
        results = {"items": sizes.filled_items, "fill_seconds": fill_seconds, "bytes_per_item": grown / sizes.filled_items,
                   "database_mib": database_bytes(filled) / (1 << 20)}
        for path in ("/processor/auth/get", "/processor/transactions/sync"):
            figures = {"fresh": [], "filled": []}

            def measure(name, sandbox):
                script = os.path.join(work, f"{name}-post.lua")
                with open(script, "w") as file:
                    file.write(WRK_SCRIPT.format(body=json.dumps({"processor_token": tokens[name]}),
                                                 client_id=sandbox.dwolla["client_id"], secret=sandbox.dwolla["secret"]))

                def once():
                    rate, p50, p99, bad = parse_wrk(run(["wrk", "-t", "2", "-c", "16", "-d", f"{sizes.wrk_seconds}s", "--latency",
                                                         "-s", script, sandbox.url + path]))
                    if bad:
                        raise RuntimeError(f"{name} sandbox, {path}: {bad} answers were not 2xx")
                    figures[name].append(p99)
                    return p99
                return once
            alternate(sizes.rounds, [("fresh", measure("fresh", fresh)), ("filled", measure("filled", filled))])
            results[path] = {name: summary(values, "ms") for name, values in figures.items()}
        return results
    finally:
        fresh.stop()
        if filled:
            filled.stop()


# --- 7. a team sandbox on PostgreSQL --------------------------------------------------------------

def bench_shared(args, sizes, sandbox, work, token):
    """The sandbox on SQLite (the one every part uses) beside one on PostgreSQL on this machine:
    `/processor/auth/get` under `wrk` at 16 and 64 connections, alternately."""
    postgres_dir, server = None, os.environ.get("PLAIDLUA_TEST_DATABASE")
    if not server:
        postgres_dir = os.path.join(work, "postgres")
        server = run([os.path.join(ROOT, "scripts", "postgres.sh"), "start", postgres_dir]).strip()
    shared_work = os.path.join(work, "shared")
    os.makedirs(shared_work)
    shared = None
    try:
        shared = Sandbox(args.plaidlua, shared_work, database=f"{server}?sslmode=disable&schema=bench_{os.getpid()}")
        tokens = {"SQLite": token, "PostgreSQL": processor_tokens(args.plaidlua, shared, 1, os.path.join(shared_work, "token.txt"))[0]}
        servers = {"SQLite": sandbox, "PostgreSQL": shared}
        results = {}
        for connections in (16, 64):
            figures = {name: [] for name in servers}

            def measure(name):
                script = os.path.join(shared_work, f"{name}-post.lua")
                with open(script, "w") as file:
                    file.write(WRK_SCRIPT.format(body=json.dumps({"processor_token": tokens[name]}),
                                                 client_id=servers[name].dwolla["client_id"], secret=servers[name].dwolla["secret"]))

                def once():
                    rate, p50, p99, bad = parse_wrk(run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{sizes.wrk_seconds}s",
                                                         "--latency", "-s", script, servers[name].url + "/processor/auth/get"]))
                    if bad:
                        raise RuntimeError(f"the sandbox on {name}: {bad} answers were not 2xx")
                    figures[name].append((rate, p99))
                    return rate
                return once
            alternate(sizes.rounds, [(name, measure(name)) for name in servers])
            results[connections] = {name: {"rate": summary([f[0] for f in values], "req/s"), "p99": summary([f[1] for f in values], "ms")}
                                    for name, values in figures.items()}
        return results
    finally:
        if shared:
            shared.stop()
        if postgres_dir:
            run([os.path.join(ROOT, "scripts", "postgres.sh"), "stop", postgres_dir])


# --- the report ----------------------------------------------------------------------------------

def machine():
    model = "unknown"
    try:
        model = re.search(r"model name\s*:\s*(.+)", open("/proc/cpuinfo").read()).group(1)
    except (OSError, AttributeError):
        pass
    memory = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1)) // (1024 * 1024)
    swift = run(["swift", "--version"]).splitlines()[0] if shutil.which("swift") else "unknown"
    return f"{os.cpu_count()} cores ({model}), {memory} GiB, {platform.platform()}; {swift}"


def spread(figure, digits=0):
    return f"{figure['median']:,.{digits}f} ({figure['min']:,.{digits}f}–{figure['max']:,.{digits}f})"


def verdict(passed):
    return "met" if passed else "**not met**"


def report(args, sizes, results):
    lines = [BEGIN, "", f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, with "
             f"`{os.path.relpath(args.plaidlua, ROOT)}`; {sizes.rounds} rounds, sides alternating. Figures are medians, "
             "with the lowest and highest round in brackets.", ""]
    batch = results["batch"]
    ours, python, bare = batch["plaidlua batch"], batch["plaid-python, 64 threads"], batch["AsyncHTTPClient loop"]
    lines += [f"### 1. Batch throughput ({sizes.batch_calls:,} `processor_auth_get` calls, concurrency 64, against `plaidlua sandbox serve`)", "",
              "| client | calls/s | the client's CPU per call, µs (user + system) |", "|---|---|---|"]
    lines += [f"| {name} | {spread(figure)} | {spread(results['batch_cpu'][name])} |" for name, figure in batch.items()]
    cpu = results["batch_cpu"]
    cpu_ratio = cpu["plaid-python, 64 threads"]["median"] / cpu["plaidlua batch"]["median"]
    python_ratio, bare_ratio = ours["median"] / python["median"], ours["median"] / bare["median"]
    audit_cost = 1 - ours["median"] / batch[AUDIT_OFF]["median"]
    lines += ["", f"- plaidlua batch ÷ plaid-python: **{python_ratio:.1f}×** (target ≥ 5×: {verdict(python_ratio >= 5)})",
              f"- plaidlua batch ÷ AsyncHTTPClient loop: **{bare_ratio:.0%}** (target ≥ 70%: {verdict(bare_ratio >= 0.7)})",
              f"- CPU per call, plaid-python ÷ plaidlua batch: **{cpu_ratio:.1f}×** (how many times the CPU plaid-python spends on a call)",
              f"- the audit log's cost, 1 − (plaidlua batch ÷ {AUDIT_OFF}): **{audit_cost:.1%}** (target ≤ 10%: {verdict(audit_cost <= 0.1)})", ""]

    lines += ["### 2. Sandbox throughput (`wrk`, POST `/processor/auth/get`, beside nginx serving the same bytes)", "",
              "| connections | server | requests/s | p50 ms | p99 ms |", "|---|---|---|---|---|"]
    for connections, servers in results["server"].items():
        for name, figure in servers.items():
            lines.append(f"| {connections} | {name} | {spread(figure['rate'])} | {spread(figure['p50'], 2)} | {spread(figure['p99'], 2)} |")
    at64 = results["server"][64]
    rate_ratio = at64["sandbox"]["rate"]["median"] / at64["nginx"]["rate"]["median"]
    p99_ratio = at64["sandbox"]["p99"]["median"] / at64["nginx"]["p99"]["median"]
    lines += ["", f"- at 64 connections, sandbox ÷ nginx requests/s: **{rate_ratio:.0%}** (target ≥ 40%: {verdict(rate_ratio >= 0.4)})",
              f"- p99 sandbox ÷ nginx: **{p99_ratio:.1f}×** (target ≤ 2×: {verdict(p99_ratio <= 2)})",
              f"- the sandbox server's peak resident memory over this benchmark: {results['server_rss_mib']:.0f} MiB", ""]

    startup = results["startup"]
    form = "the binary as `install.sh` installs it: static Swift runtime, stripped" if args.installed else "the build measured"
    lines += [f"### 3. Start-up (`hyperfine`, wall time; {form})", "", "| command | ms |", "|---|---|"]
    lines += [f"| `{name}` | {spread(figure, 1)} |" for name, figure in startup.items()]
    lua, bare_start = startup["lua5.4 -e ''"]["median"], startup["plaidlua -e ''"]["median"]
    embedded = (startup["plaidlua -e 'require(\"plaid\").client()' (embedded sandbox)"]["median"]
                - startup["plaidlua -e 'require \"plaid\"'"]["median"])
    lines += ["", f"- `plaidlua -e ''` ÷ `lua5.4 -e ''`: **{bare_start / lua:.1f}×** (target ≤ 5×: {verdict(bare_start <= 5 * lua)})",
              f"- the embedded sandbox adds **{embedded:.0f} ms** to a script (target < 50 ms: {verdict(embedded < 50)})", ""]

    memory = results["memory"]
    peaks = memory["peaks_mib"]
    counts = sorted(peaks)
    lines += [f"### 4. Memory (`plaidlua batch` over {counts[-1]:,} records, one sandbox call each, concurrency 256; "
              "peak RSS so far as the output passes each count)", "",
              "| records done | peak RSS MiB |", "|---|---|"]
    lines += [f"| {count:,} | {peaks[count]:.1f} |" for count in counts]
    small, large = peaks[counts[0]], peaks[counts[-1]]
    lines += ["", f"- peak at {counts[-1]:,} records: **{large:.1f} MiB** (target < 100 MiB: {verdict(large < 100)}); "
              f"the run took {memory['seconds']:.0f} s",
              f"- growth from {counts[0]:,} to {counts[-1]:,} records: **{large / small - 1:+.0%}** (target ≤ +10%: {verdict(large <= small * 1.1)})", ""]

    lines += ["### 5. The bridge: response bytes → Lua table", "",
              "| response | bytes | plaid.json.decode /s | lua-cjson /s | ratio |", "|---|---|---|---|---|"]
    for path, figure in results["bridge"].items():
        ratio = figure["plaid.json.decode"]["median"] / figure["lua-cjson"]["median"]
        lines.append(f"| `{path}` | {figure['bytes']:,} | {spread(figure['plaid.json.decode'])} | {spread(figure['lua-cjson'])} | "
                     f"**{ratio:.2f}×** ({verdict(ratio >= 1)}) |")
    filled = results["filled"]
    lines += ["", "### 6. A filled sandbox (p99 by `wrk`, 16 connections, beside a sandbox with one Item)", "",
              f"{filled['items']:,} Items were made (`sandbox_processor_token_create`, one Item and processor token each) in "
              f"{filled['fill_seconds']:.0f} s; the database grew by **{filled['bytes_per_item']:,.0f} bytes per Item** "
              f"({filled['database_mib']:.0f} MiB in all), and it stores no transaction: history is generated when read.", "",
              "| endpoint | p99 ms, one Item | p99 ms, filled | filled ÷ one |", "|---|---|---|---|"]
    for path in ("/processor/auth/get", "/processor/transactions/sync"):
        ratio = filled[path]["filled"]["median"] / filled[path]["fresh"]["median"]
        lines.append(f"| `{path}` | {spread(filled[path]['fresh'], 2)} | {spread(filled[path]['filled'], 2)} | "
                     f"**{ratio:.2f}×** (target ≤ 1.25×: {verdict(ratio <= 1.25)}) |")
    lines += ["", "### 7. A team sandbox on PostgreSQL (`wrk`, POST `/processor/auth/get`, beside the sandbox on SQLite)", "",
              "| connections | store | requests/s | p99 ms |", "|---|---|---|---|"]
    for connections, stores in results["shared"].items():
        for name, figure in stores.items():
            lines.append(f"| {connections} | {name} | {spread(figure['rate'])} | {spread(figure['p99'], 2)} |")
    at64 = results["shared"][64]
    lines += ["", f"- at 64 connections, PostgreSQL ÷ SQLite requests/s: **{at64['PostgreSQL']['rate']['median'] / at64['SQLite']['rate']['median']:.0%}** "
              "(no target: what a shared sandbox costs a call, with the database server on the same two cores)"]
    lines += ["", END]
    return "\n".join(lines)


PARTS = ("batch", "server", "startup", "memory", "bridge", "filled", "shared")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plaidlua", required=True)
    parser.add_argument("--installed", help="the binary as install.sh installs it (stripped), for start-up")
    parser.add_argument("--loadgen", required=True)
    parser.add_argument("--python", required=True, help="a Python with plaid-python installed")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--output", help="the Markdown file whose results section to replace")
    parser.add_argument("--only", help="comma-separated: " + ",".join(PARTS))
    parser.add_argument("--rounds", type=int, help="rounds per comparison (default 3, 1 for --smoke)")
    args = parser.parse_args()
    # Every sandbox here is told where its state is; none inherits the caller's.
    os.environ.pop("PLAIDLUA_SANDBOX_DATABASE", None)
    args.plaidlua, args.loadgen = os.path.abspath(args.plaidlua), os.path.abspath(args.loadgen)
    args.installed = args.installed and os.path.abspath(args.installed)
    sizes = Sizes(args.smoke)
    if args.rounds:
        sizes.rounds = args.rounds
    only = set(args.only.split(",")) if args.only else set(PARTS)
    work = tempfile.mkdtemp(prefix="plaidlua-bench-")
    results = {}
    sandbox = Sandbox(args.plaidlua, work)
    try:
        tokens_path = os.path.join(work, "tokens.txt")
        tokens = processor_tokens(args.plaidlua, sandbox, 8 if args.smoke else 64, tokens_path)
        if "batch" in only:
            log("1. batch throughput")
            results["batch"], results["batch_cpu"] = bench_batch(args, sizes, sandbox, work, tokens_path, tokens)
        if "server" in only:
            log("2. sandbox throughput")
            results["server"] = bench_server(args, sizes, sandbox, work, tokens[0])
            results["server_rss_mib"] = sandbox.peak_rss_kib() / 1024
        if "startup" in only:
            log("3. start-up")
            results["startup"] = bench_startup(args, sizes, work)
        if "memory" in only:
            log("4. memory")
            results["memory"] = bench_memory(args, sizes, sandbox, work, tokens)
        if "bridge" in only:
            log("5. bridge")
            results["bridge"] = bench_bridge(args, sizes, sandbox, work, tokens[0])
        if "filled" in only:
            log("6. a filled sandbox")
            results["filled"] = bench_filled(args, sizes, work)
        if "shared" in only:
            log("7. a team sandbox on PostgreSQL")
            results["shared"] = bench_shared(args, sizes, sandbox, work, tokens[0])
    finally:
        sandbox.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2, default=str))
    everything = only == set(PARTS)
    if args.output and everything:
        text = open(args.output).read()
        start, end = text.index(BEGIN), text.index(END) + len(END)
        with open(args.output, "w") as file:
            file.write(text[:start] + report(args, sizes, results) + text[end:])
        log(f"wrote {args.output}")
    elif args.smoke and everything:
        report(args, sizes, results)
        log("smoke run: every comparison ran")


if __name__ == "__main__":
    main()
