"""The page-table simulator: a model of the 2008 pgalloc API on every
variant of every arch, with a lockdep-style validator.

    >>> from hdrtool.core.config import load_arch
    >>> from hdrtool.sim import scenarios, run_scenario
    >>> x86 = load_arch("arch/x86/arch.toml")
    >>> result = run_scenario(scenarios.load_named("seed-pgd-lock"), x86, x86.variant("x86_64"))
    >>> [f.kind for f in result.findings]
    ['inconsistent-lock-state']

See docs/sim.md for the scenario format and the trace format.
"""

from hdrtool.sim.runner import RunResult, compare, run as run_scenario

__all__ = ["RunResult", "compare", "run_scenario"]
