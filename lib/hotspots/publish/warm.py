"""Warm-up steps ``make setup`` runs once the environment is installed.

Each step compiles something that every run would otherwise compile again, and keeps it on
disk: esda's numba permutation kernels, compiled into ``NUMBA_CACHE_DIR``
(:func:`hotspots.config.numba_cache_dir`) by ``hotspots.stats.spatial.kernels.warm()``.
Run: ``python -m hotspots.publish.warm``. A step that is missing fails with a message naming it.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable, Sequence

#: ``module:function`` of every warm-up step, run in order with no arguments.
STEPS: tuple[str, ...] = ("hotspots.stats.spatial.kernels:warm",)


class MissingStep(RuntimeError):
    """A warm-up step named in :data:`STEPS` is not in the installed package."""


def resolve(step: str) -> Callable[[], object]:
    """The function ``step`` (``module:function``) names; :class:`MissingStep` if absent."""
    module_name, _, function = step.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module_name.startswith(exc.name):
            raise  # the module exists but something it imports does not
        raise MissingStep(f"warm-up step {step}: module {module_name} does not exist") from None
    found = getattr(module, function, None)
    if not callable(found):
        raise MissingStep(f"warm-up step {step}: {module_name} has no function {function}()")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run every step (or those named in ``argv``); 1 with one message when a step is missing."""
    steps = list(argv) if argv else list(STEPS)
    try:
        functions = [resolve(step) for step in steps]
    except MissingStep as exc:
        print(f"make setup: {exc}. Remove it from hotspots.publish.warm.STEPS or add it.",
              file=sys.stderr)
        return 1
    for step, function in zip(steps, functions, strict=True):
        start = time.perf_counter()
        function()
        print(f"warm-up {step}: {time.perf_counter() - start:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
