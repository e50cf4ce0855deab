"What every benchmark script shares: the line naming the machine measured on, and the clocks."
import os, platform, time


def machine() -> str:
    "The CPU model and core count, as the first line of every benchmark's figures (figures are compared within a run)."
    try: cpu = next((l.split(':')[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), None)
    except OSError: cpu = None
    return f"CPU: {cpu or platform.processor() or '?'}, {os.cpu_count()} cores"


def timed(fn) -> tuple[float, float]:
    "Wall-clock and CPU seconds (all threads of this process) that `fn()` takes."
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def seconds(fn) -> float:
    "Wall-clock seconds that `fn()` takes."
    return timed(fn)[0]
