"""Run every benchmark scenario of bench.SCENARIOS; exit non-zero when any of them missed its target."""

import importlib
import sys

from bench import SCENARIOS


def main() -> int:
    failed = [name for name in SCENARIOS if importlib.import_module(name).main() != 0]
    if failed:
        print(f"Missed their targets: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
