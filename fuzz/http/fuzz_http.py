#!/usr/bin/env python3
"""A mutation fuzzer for the HTTP layer of `banenafspraak serve`, with the server in the loop.

    python3 fuzz/http/fuzz_http.py URL SECONDS [--seed N] [--pid PID] [--workers N] [--out DIR]

It reads the server's /openapi.json and the forms of its pages, builds a valid request for every operation and
page (JSON bodies from the calculator seeds and reforms of this repository, form posts with the CSRF value of
the sign-in form, bearer tokens from BANENAFSPRAAK_ANALYST_TOKEN and BANENAFSPRAAK_EMPLOYER_TOKEN), and then, for
SECONDS, sends mutated versions over plain sockets: the request line (methods, paths, versions), the headers
(duplicated, oversized, conflicting lengths, chunked encodings), the bodies (truncated, grown, bytes flipped,
JSON values swapped for extremes, deep nesting) and the raw bytes. Several requests go down one connection at times
(pipelining).

It fails (exit 1) when the server answers with a 5xx other than 503, or stops answering (its process gone, or
the health check failing three times in a row). Each failing request is written to DIR (default
.build-fuzz/crashes-http) as raw bytes. Timeouts and closed connections are not failures: refusing is allowed.
"""
import argparse
import json
import os
import random
import re
import socket
import sys
import threading
import time
from collections import deque
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

EXTREMES = [
    "", " ", "0", "-1", "1e309", "9" * 40, "-" + "9" * 40, "9999999999999999.99", "0.001", "NaN", "null", "true",
    "9999-12-01", "9999-12-31", "0000-01-01", "2024-02-30", "2024-13-01", "10000-01-01", "-2024-01-01",
    "\u202e", "\t", "\x00", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "%00", "%ff", "../../etc/passwd",
    "a" * 5000, "\u00e9" * 300, "{}", "[]",
]
DATES = ["9999-12-01", "9999-12-31", "9997-01-01", "0001-01-01", "0000-01-01", "2024-02-30", "2024-13-01", "10000-01-01",
         "2014-12-31", "2027-01-01", "31-12-9999", "01-01-0001", "2024-1-1", "2024-01-01T00:00:00Z"]
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "FOO", "get", "G ET", ""]
VERSIONS = ["HTTP/1.1", "HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/1.2", "HTTP/1", "http/1.1", "HTTP/1.1 extra", ""]


class Seeds:
    """Valid requests for every operation and page of the running server."""

    def __init__(self, base, rng):
        self.base = base
        self.rng = rng
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.analyst = os.environ.get("BANENAFSPRAAK_ANALYST_TOKEN", "")
        self.employer = os.environ.get("BANENAFSPRAAK_EMPLOYER_TOKEN", "")
        self.employer_id = os.environ.get("BANENAFSPRAAK_EMPLOYER_ID", "E1")
        self.requests = []
        status, _, body = exchange(self.host, self.port, request("GET", "/openapi.json", self.hostport()))[0] or (0, {}, b"")
        if status != 200:
            raise SystemExit(f"fuzz_http: {base}openapi.json answered {status}")
        self.document = json.loads(body)
        self.json_bodies = self.load_json_bodies()
        self.csrf_cookie, self.csrf_field = self.sign_in_form()
        self.build()

    def hostport(self):
        return f"{self.host}:{self.port}"

    def load_json_bodies(self):
        bodies = {"calc": [], "reform": []}
        calc = sorted((ROOT / "fuzz/calc/seeds").glob("*.json"))
        for f in calc[::max(1, len(calc) // 40)]:  # a spread over every calculator
            bodies["calc"].append(f.read_bytes())
        for f in sorted((ROOT / "reforms").glob("*.json")):
            bodies["reform"].append(f.read_bytes())
        bodies["estimate"] = [json.dumps({
            "year": 2024, "sector": "markt", "hours_total": "50000.00", "prior_year_hours": "48000.00", "hours_a": "50000.00",
            "hours_c": "0.00", "premium_base": "2000000.00", "target_group_hours": ["1000.00", "500.50"],
        }).encode()]
        return bodies

    def sign_in_form(self):
        got = exchange(self.host, self.port, request("GET", "/inloggen", self.hostport()))[0]
        if not got:
            return "", ""
        _, headers, body = got
        cookie = ""
        for k, v in headers:
            if k == "set-cookie" and v.startswith("banenafspraak_csrf="):
                cookie = v.split(";")[0]
        m = re.search(rb'name="csrf" value="([0-9a-f]*)"', body)
        return cookie, (m.group(1).decode() if m else "")

    def page_fields(self, path):
        got = exchange(self.host, self.port, request("GET", path, self.hostport()))[0]
        if not got:
            return {}
        html = got[2].decode("utf-8", "replace")
        fields = {}
        for m in re.finditer(r'<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?', html):
            fields[m.group(1)] = m.group(2) or "1"
        for m in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>\s*<option value="([^"]*)"', html):
            fields[m.group(1)] = m.group(2)
        return fields

    def build(self):
        run = "1"
        auth = {"Authorization": f"Bearer {self.analyst}"} if self.analyst else {}
        employer_auth = {"Authorization": f"Bearer {self.employer}"} if self.employer else {}
        for template, item in self.document.get("paths", {}).items():
            path = template.replace("{run}", run).replace("{id}", self.employer_id)
            for method, op in item.items():
                method = method.upper()
                content = ((op.get("requestBody") or {}).get("content") or {})
                if "application/x-www-form-urlencoded" in content:
                    fields = self.page_fields(path) if method == "POST" and path != "/uitloggen" else {}
                    fields["csrf"] = self.csrf_field
                    body = urllib.parse.urlencode(fields).encode()
                    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.csrf_cookie}
                    self.requests.append((method, path, headers, body))
                elif "application/json" in content:
                    kind = "calc" if path.endswith("/calc") else "estimate" if path.endswith("/estimate") else "reform"
                    for body in self.json_bodies[kind]:
                        self.requests.append((method, path, {"Content-Type": "application/json", **auth}, body))
                else:
                    query = "?date=2024-07-01" if path.endswith("/parameters") else "?run=1" if path == "/werkgever" else ""
                    self.requests.append((method, path + query, auth, b""))
                    if path.startswith("/api/v1/runs"):
                        self.requests.append((method, path, employer_auth, b""))
        # Pages and paths outside the document.
        for extra in ["/", "/bestaat-niet", "/api/v1/nope", "/%2e%2e/%2e%2e/etc/passwd", "/api/v1/runs/1/employers/%00"]:
            self.requests.append(("GET", extra, {}, b""))


def request(method, target, host, headers=None, body=b"", version="HTTP/1.1"):
    lines = [f"{method} {target} {version}".encode("utf-8", "surrogateescape"), f"Host: {host}".encode()]
    headers = dict(headers or {})
    if body and "Content-Length" not in headers and "Transfer-Encoding" not in headers:
        headers["Content-Length"] = str(len(body))
    for k, v in headers.items():
        lines.append(f"{k}: {v}".encode("utf-8", "surrogateescape"))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def parse_responses(data):
    """Status, headers and body of each complete response in `data` (bodies by Content-Length)."""
    out = []
    while True:
        end = data.find(b"\r\n\r\n")
        if end < 0:
            break
        head = data[:end].decode("latin-1").split("\r\n")
        parts = head[0].split(" ")
        try:
            status = int(parts[1])
        except (IndexError, ValueError):
            status = -1
        headers = []
        length = 0
        for line in head[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers.append((k.strip().lower(), v.strip()))
                if k.strip().lower() == "content-length":
                    try:
                        length = int(v.strip())
                    except ValueError:
                        length = 0
        if len(data) < end + 4 + length:
            break  # the body has not all arrived yet (openapi.json is larger than one read)
        body = data[end + 4:end + 4 + length]
        out.append((status, headers, body))
        data = data[end + 4 + length:]
    return out


def exchange(host, port, raw, timeout=5.0, expected=1, half_close=False):
    """Sends `raw` and reads until `expected` responses are complete, the server closes, or it goes quiet for
    `timeout` seconds; the responses read, or [None] when there were none."""
    data = b""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            try:
                s.sendall(raw)
                if half_close:
                    s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            while True:
                try:
                    chunk = s.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                data += chunk
                if len(parse_responses(data)) >= expected:
                    break
    except OSError:
        pass
    return parse_responses(data) or [None]


class Mutator:
    def __init__(self, rng):
        self.rng = rng

    def json_value(self, value, depth=0):
        r = self.rng
        if depth > 6 or r.random() < 0.15:
            return r.choice([r.choice(EXTREMES), r.randint(-2**63, 2**63 - 1), r.random() * 1e300, None, True, [], {}])
        if isinstance(value, dict):
            out = dict(value)
            if out and r.random() < 0.7:
                k = r.choice(list(out))
                out[k] = self.json_value(out[k], depth + 1)
            if r.random() < 0.2:
                out[r.choice(["unknown", "\u202e", "", "a" * 300])] = r.choice(EXTREMES)
            if out and r.random() < 0.15:
                del out[r.choice(list(out))]
            return out
        if isinstance(value, list):
            out = list(value)
            if out and r.random() < 0.5:
                i = r.randrange(len(out))
                out[i] = self.json_value(out[i], depth + 1)
            if r.random() < 0.2:
                out = out * r.randint(2, 50)
            return out
        if isinstance(value, str):
            if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value) and r.random() < 0.6:
                return r.choice(DATES)
            return r.choice([r.choice(EXTREMES), value + r.choice(EXTREMES), value[: r.randint(0, len(value))], value.replace("-", "/")])
        return self.json_value(None, 99)

    def body(self, body, content_type):
        r = self.rng
        choice = r.random()
        if content_type == "application/json" and choice < 0.5:
            try:
                return json.dumps(self.json_value(json.loads(body)), ensure_ascii=r.random() < 0.5).encode("utf-8", "surrogatepass")
            except (ValueError, UnicodeError, RecursionError):
                return body
        if content_type.startswith("application/x-www-form") and choice < 0.5:
            pairs = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            if pairs:
                for i in r.sample(range(len(pairs)), min(len(pairs), r.randint(1, 2))):
                    dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", pairs[i][1]) and r.random() < 0.6
                    pairs[i] = (pairs[i][0], r.choice(DATES if dated else EXTREMES))
            if r.random() < 0.2:
                pairs.append((r.choice(["token", "csrf", "x", ""]), r.choice(EXTREMES)))
            text = urllib.parse.urlencode(pairs)
            if r.random() < 0.2:
                text = text.replace("%", r.choice(["%", "%%", "%g", "%f"]), 1)
            return text.encode()
        if choice < 0.6:
            return ("[" * r.choice([10, 500, 5000, 100000]) + "]" * r.choice([0, 10])).encode()
        if choice < 0.75:
            return body[: r.randint(0, len(body))]
        if choice < 0.9:
            return self.bytes(body)
        return body * r.randint(2, 200)

    def bytes(self, data):
        r = self.rng
        data = bytearray(data)
        for _ in range(r.randint(1, 8)):
            op = r.random()
            if not data or op < 0.3:
                data[r.randint(0, len(data)):r.randint(0, len(data))] = bytes(r.randrange(256) for _ in range(r.randint(1, 8)))
            elif op < 0.6:
                data[r.randrange(len(data))] = r.randrange(256)
            elif op < 0.8:
                i = r.randrange(len(data))
                del data[i:i + r.randint(1, 16)]
            else:
                i = r.randrange(len(data))
                data[i:i] = r.choice([b"\r\n", b"\n", b"\r", b"\x00", b":", b" ", b"%", b"\r\n\r\n", b"0\r\n\r\n"])
        return bytes(data)

    def request(self, seed, hostport):
        r = self.rng
        method, target, headers, body = seed
        headers = dict(headers)
        version = "HTTP/1.1"
        content_type = headers.get("Content-Type", "")
        mutations = r.randint(1, 3)
        raw_level = False
        for _ in range(mutations):
            m = r.random()
            if m < 0.1:
                method = r.choice(METHODS)
            elif m < 0.2:
                version = r.choice(VERSIONS)
            elif m < 0.35:
                target = r.choice([
                    target + r.choice(["/", "//", "/..", "?", "?a=%zz", "#x", "%", "%2F", ";x"]),
                    target.replace("1", r.choice(["0", "-1", "99999999999999999999", "%31", "1.0", ""]), 1),
                    "/" + "a/" * r.randint(1, 3000), target + "?" + "&".join(f"k{i}=v" for i in range(r.randint(1, 2000))),
                    "*", "http://evil.example/", "", urllib.parse.quote(r.choice(EXTREMES)),
                ])
            elif m < 0.55:
                k = r.choice(["Content-Length", "Transfer-Encoding", "Content-Type", "Cookie", "Authorization", "Connection",
                              "Origin", "Sec-Fetch-Site", "X-Forwarded-Proto", "Expect", "Host", "X-" + "a" * r.randint(1, 100)])
                headers[k] = r.choice([
                    "chunked", "gzip, chunked", "-1", "99999999999999999999", "0", str(r.randint(0, 100000)), "close", "keep-alive",
                    "100-continue", "application/json", "text/plain", "Bearer " + "0" * 64, "Bearer", "banenafspraak_session=" + "0" * 64,
                    "a" * r.choice([10, 10000, 100000]), "\u00e9", "https", "cross-site", "null", " ", "",
                ])
            elif m < 0.65:
                headers["Content-Length"] = str(len(body) + r.choice([-5, -1, 1, 100, 10**6]))
            elif m < 0.9:
                body = self.body(body, content_type)
            else:
                raw_level = True
        raw = request(method, target, hostport, headers, body, version)
        if headers.get("Transfer-Encoding") == "chunked" and r.random() < 0.7:
            head, _, payload = raw.partition(b"\r\n\r\n")
            chunks = b""
            while payload:
                n = r.randint(1, 64)
                chunks += b"%x\r\n" % n + payload[:n] + b"\r\n"
                payload = payload[n:]
            raw = head.replace(b"Content-Length", b"X-Was-Length") + b"\r\n\r\n" + chunks + r.choice([b"0\r\n\r\n", b"", b"zz\r\n", b"ffffffffffffffff\r\n"])
        if raw_level:
            raw = self.bytes(raw)
        return raw


def alive(host, port, pid):
    if pid:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
    for _ in range(3):
        got = exchange(host, port, request("GET", "/api/v1/health", f"{host}:{port}"), timeout=10)[0]
        if got and got[0] == 200:
            return True
        time.sleep(1)
    return False


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("url")
    p.add_argument("seconds", type=float)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--pid", type=int, default=0)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--out", default=str(ROOT / ".build-fuzz/crashes-http"))
    a = p.parse_args()
    base = a.url if a.url.endswith("/") else a.url + "/"
    seeds = Seeds(base, random.Random(a.seed))
    out = Path(a.out)
    seeds.by_operation = {}
    for r in seeds.requests:
        seeds.by_operation.setdefault((r[0], r[1].split("?")[0]), []).append(r)
    operations = sorted(seeds.by_operation)
    stop = time.time() + a.seconds
    lock = threading.Lock()
    stats = {"requests": 0, "no_answer": 0, "statuses": {}, "failures": [], "dead": False, "harness_errors": []}
    recent = deque(maxlen=200)

    def worker(n):
        try:
            run_worker(n)
        except Exception as e:  # a fault of this harness, not of the server: say so, and fail
            import traceback
            with lock:
                stats["harness_errors"].append(traceback.format_exc())

    def run_worker(n):
        rng = random.Random(a.seed * 1000 + n)
        mut = Mutator(rng)
        while time.time() < stop and not stats["dead"] and len(stats["failures"]) < 20:
            # An operation first, then one of its seeds: every operation and page gets its share.
            batch = [mut.request(rng.choice(seeds.by_operation[rng.choice(operations)]), seeds.hostport())
                     for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            raw = b"".join(batch)
            with lock:
                recent.append(raw)
            responses = exchange(seeds.host, seeds.port, raw, timeout=3, expected=len(batch), half_close=rng.random() < 0.2)
            with lock:
                stats["requests"] += len(batch)
                for resp in responses:
                    if resp is None:
                        stats["no_answer"] += 1
                        continue
                    status = resp[0]
                    stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
                    if status >= 500 and status != 503:
                        out.mkdir(parents=True, exist_ok=True)
                        name = out / f"http-{status}-{a.seed}-{n}-{stats['requests']}.req"
                        name.write_bytes(raw)
                        stats["failures"].append(f"{status} for the request in {name}")
                if stats["requests"] % 500 < len(batch) and not alive(seeds.host, seeds.port, a.pid):
                    stats["dead"] = True

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if not stats["dead"] and not alive(seeds.host, seeds.port, a.pid):
        stats["dead"] = True
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(stats["statuses"].items()))
    print(f"fuzz_http: {stats['requests']} requests in {a.seconds:.0f} s (seed {a.seed}, {len(seeds.requests)} seed requests); "
          f"answers {statuses}; no answer (closed or timed out) {stats['no_answer']}")
    for f in stats["failures"]:
        print(f"fuzz_http: FAIL: {f}", file=sys.stderr)
    if stats["dead"]:
        out.mkdir(parents=True, exist_ok=True)
        for i, raw in enumerate(recent):
            (out / f"http-dead-{a.seed}-{i:03}.req").write_bytes(raw)
        print(f"fuzz_http: FAIL: the server stopped answering; the last {len(recent)} requests are in {out}", file=sys.stderr)
    for e in stats["harness_errors"][:3]:
        print(f"fuzz_http: HARNESS ERROR:\n{e}", file=sys.stderr)
    sys.exit(1 if stats["failures"] or stats["dead"] else 2 if stats["harness_errors"] else 0)


if __name__ == "__main__":
    main()
