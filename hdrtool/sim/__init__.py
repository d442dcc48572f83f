"""The page-table simulator: a model of the 2008 pgalloc API on every
variant of every arch, with a lockdep-style validator.

    >>> from hdrtool.sim import scenarios, run_scenario
    >>> result = run_scenario(scenarios.load_named("seed-pgd-lock"), arch, variant)

See docs/sim.md for the scenario format and the trace format.
"""

from hdrtool.sim.runner import RunResult, compare, run as run_scenario  # noqa: F401
