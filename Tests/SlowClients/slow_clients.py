#!/usr/bin/env python3
"""Issue 15's live test: thousands of slow header senders from one loopback address must not
keep citizens on another address out.

The attacker (127.0.0.1) holds ATTACKERS connections that each send a request line and then one
header byte every few seconds, never finishing the head, and reconnect at once whenever the
server closes them. Meanwhile citizens on 127.0.0.2 (a second process, so the attacker's event
loop never delays their clock) each open a new connection per request and fetch public pages.
Passes when at least 99% of the citizens' requests get a 200 and their p99 latency, connection
included, is under 50 ms. Bounded: ATTACKERS connections at most, SECONDS of attack.

Usage: slow_clients.py PORT [ATTACKERS=4000] [SECONDS=20]
"""
import asyncio, multiprocessing, resource, socket, sys, time

PAGES = ["/ar/", "/fr/", "/ar/calls", "/fr/network", "/ar/communes/settat", "/fr/communes/settat/programs/2024-2025"]


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, needed), hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def citizen(port, stop_at, results, start_event):
    """Blocking requests from 127.0.0.2, one new connection each, until stop_at."""
    start_event.wait()
    latencies, statuses, i = [], {}, 0
    while time.time() < stop_at:
        path = PAGES[i % len(PAGES)]
        i += 1
        began = time.perf_counter()
        status = "error"
        try:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.settimeout(5)
            s.bind(("127.0.0.2", 0))
            s.connect(("127.0.0.1", port))
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            s.close()
            status = data[9:12].decode(errors="replace") if data.startswith(b"HTTP/1.1 ") else "bad"
        except OSError as error:
            status = type(error).__name__
        latencies.append(time.perf_counter() - began)
        statuses[status] = statuses.get(status, 0) + 1
        time.sleep(0.005)
    results.put((latencies, statuses))


async def attacker(port, stop_at, counters):
    """One slow header sender that comes back whenever it is shed."""
    while time.time() < stop_at:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            counters["refused"] += 1
            await asyncio.sleep(0.05)
            continue
        counters["connections"] += 1
        try:
            writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            await writer.drain()
            while time.time() < stop_at:
                try:
                    closed = await asyncio.wait_for(reader.read(1024), timeout=3)
                    if closed == b"" or closed:   # the server closed us (or answered): come back at once
                        counters["shed"] += 1
                        break
                except asyncio.TimeoutError:
                    writer.write(b"a")
                    await writer.drain()
        except (ConnectionError, OSError):
            counters["shed"] += 1
        finally:
            writer.close()


async def attack(port, count, stop_at, ready):
    counters = {"connections": 0, "shed": 0, "refused": 0}
    tasks = []
    for _ in range(count):
        tasks.append(asyncio.create_task(attacker(port, stop_at, counters)))
        if len(tasks) % 200 == 0:
            await asyncio.sleep(0)
    # Let the attackers connect before the citizens start.
    for _ in range(50):
        if counters["connections"] >= min(count, 1000):
            break
        await asyncio.sleep(0.1)
    ready.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    return counters


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    limit = raise_fd_limit(count + 256)
    if limit < count + 64:
        sys.exit(f"cannot open {count} sockets: the file limit is {limit}")
    stop_at = time.time() + seconds + 5
    ready = multiprocessing.Event()
    results = multiprocessing.Queue()
    citizens = [multiprocessing.Process(target=citizen, args=(port, stop_at, results, ready)) for _ in range(2)]
    for process in citizens:
        process.start()
    counters = asyncio.run(attack(port, count, stop_at, ready))
    latencies, statuses = [], {}
    for _ in citizens:
        got_latencies, got_statuses = results.get(timeout=30)
        latencies += got_latencies
        for key, value in got_statuses.items():
            statuses[key] = statuses.get(key, 0) + value
    for process in citizens:
        process.join(timeout=10)
    latencies.sort()
    total = len(latencies)
    ok = statuses.get("200", 0)
    p50 = latencies[total // 2] * 1000 if total else 0
    p99 = latencies[min(total - 1, int(total * 0.99))] * 1000 if total else 0
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    print(f"attacker 127.0.0.1: {count} slow connections, {counters['connections']} opened, "
          f"{counters['shed']} shed by the server, {counters['refused']} refused")
    print(f"citizens 127.0.0.2: {total} requests, {ok} answered 200 ({100 * ok / max(total, 1):.2f}%), "
          f"statuses {statuses}, p50 {p50:.1f} ms, p99 {p99:.1f} ms; load average {' '.join(load)}")
    failures = []
    if total < 100:
        failures.append(f"only {total} citizen requests were made")
    if ok < 0.99 * total:
        failures.append("fewer than 99% of citizen requests got a 200")
    if p99 >= 50:
        failures.append("citizens' p99 latency is 50 ms or more")
    if counters["connections"] < count:
        failures.append(f"the attacker never got {count} connections open")
    if failures:
        sys.exit("FAILED: " + "; ".join(failures))
    print("passed")


if __name__ == "__main__":
    main()
