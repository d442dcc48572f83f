"""Scale (issue 15 item 17): a scenario is counted, not expanded, when it is
parsed; more steps than the bound is bad input naming the line; steps are
streamed to the model and to the compiled driver."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from hdrtool.core.errors import InputError
from hdrtool.sim.scenario import MAX_STEPS, parse

REPO = Path(__file__).resolve().parent.parent.parent
NESTED = ("title nested repeats\n"
          "task p 1\n"
          "exec\n"
          "repeat 1000000000000 {\n"
          "    repeat 1000000000000 {\n"
          "        map 0x400000 4K\n"
          "        unmap 0x400000 4K\n"
          "    }\n"
          "}\n")


def test_nested_repeat_is_refused_at_its_line():
    with pytest.raises(InputError) as exc:
        parse(NESTED, "nested.scn")
    assert (exc.value.path, exc.value.line) == ("nested.scn", 5)
    assert exc.value.message == (f"repeat 1000000000000 at line 5 expands to more than "
                                 f"{MAX_STEPS} steps (raise the limit with MAX_STEPS=N)")


@pytest.mark.parametrize("text,line,count", [
    # a body whose repeat count uses the variable: counted per value
    ("repeat 2000 as p {\n repeat p {\n  map 0x1000 4K\n }\n}\n", 1, 1999000),
    # each repeat below the bound, both together above it
    ("repeat 600000 {\n map 0x1000\n}\nrepeat 600000 {\n unmap 0x1000\n}\n", 4, 1200000),
    # an irq block around it counts its enter and exit
    ("softirq {\n repeat 999999 {\n  sync_pgds\n }\n}\n", 1, 1000001),
])
def test_count_and_limit(text, line, count):
    with pytest.raises(InputError) as exc:
        parse(text, "big.scn")
    assert exc.value.line == line
    assert parse(text, "big.scn", max_steps=count).count == count
    with pytest.raises(InputError):
        parse(text, "big.scn", max_steps=count - 1)


def test_count_is_exact_for_small_scenarios():
    scn = parse("repeat 3 as p {\n repeat p {\n  map 0x1000*(p+1) 4K\n }\n hardirq {\n"
                "  lock a\n  unlock a\n }\n}\n", "s.scn")
    assert scn.count == len(scn.steps) == 3 + 3 * 4


def test_steps_are_streamed():
    """The first steps of a scenario of 10**12 steps (allowed here) come
    without expanding the rest: memory stays small."""
    scn = parse(NESTED, "nested.scn", max_steps=10 ** 25)
    tracemalloc.start()
    first = [s.render() for s in itertools.islice(scn.iter_steps(), 6)]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert first == ["task p 0x1", "exec", "map 0x400000 0x1000", "unmap 0x400000 0x1000",
                     "map 0x400000 0x1000", "unmap 0x400000 0x1000"]
    assert peak < 1 << 20


def test_every_line_is_checked_at_parse_time():
    """A bad step deep inside a repeat is found before anything runs."""
    with pytest.raises(InputError) as exc:
        parse("repeat 5 {\n repeat 5 {\n  map 0x1000 4K\n  fualt 0x1000\n }\n}\n", "b.scn")
    assert exc.value.line == 4


def _hdrtool(*args, cwd=REPO):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "hdrtool", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def test_cli_names_the_line_and_takes_max_steps(tmp_path):
    scn = tmp_path / "nested.scn"
    scn.write_text(NESTED)
    r = _hdrtool("sim", "steps", str(scn))
    assert r.returncode == 2 and r.stdout == ""
    assert f"error: {scn}:5: repeat 1000000000000 at line 5 expands to more than" in r.stderr
    small = tmp_path / "small.scn"
    small.write_text("repeat 3 {\n repeat 4 {\n  sync_pgds\n }\n}\n")
    assert _hdrtool("sim", "steps", str(small), "MAX_STEPS=11").returncode == 2
    r = _hdrtool("sim", "steps", str(small), "MAX_STEPS=12")
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 12


def test_scaled_repeats_the_steps_without_copying_them():
    scn = parse("task p 1\nexec\nrepeat 2 {\n map 0x1000*(i+1) 4K\n}\nexit\n", "s.scn")
    big = scn.scaled(3)
    assert big.count == 3 * scn.count == len(big.steps)
    assert [s.render() for s in big.steps] == [s.render() for s in scn.steps] * 3
    assert len(big.body) == len(scn.body) + 2
