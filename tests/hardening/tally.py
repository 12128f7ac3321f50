"""The hardening tally: how many bad inputs were tried, faults injected, and survived.

Every hardening case runs inside ``TALLY.trial(kind)`` (or ``trial(kind,
fault=True)`` for an injected fault: a killed process, a misbehaving server).
A trial that ends without an exception, or with the expected typed error,
counts as survived; anything else counts as a failure and is re-raised, so
the test fails too. The conftest prints the totals at the end of the run, and
``bench/fuzz.py`` uses the same counter for its long runs.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tally:
    cases: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    survived: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    figures: dict[str, float] = field(default_factory=dict)  # measured, printed, not asserted

    @contextlib.contextmanager
    def trial(self, kind: str, *, fault: bool = False) -> Iterator[None]:
        """Count one case (or one injected fault) of ``kind``; survived if no exception."""
        (self.faults if fault else self.cases)[kind] += 1
        try:
            yield
        except BaseException:
            self.failed[kind] += 1
            raise
        self.survived[kind] += 1

    def totals(self) -> dict[str, int]:
        return {
            "cases": sum(self.cases.values()),
            "faults": sum(self.faults.values()),
            "survived": sum(self.survived.values()),
            "failed": sum(self.failed.values()),
        }

    def summary(self) -> str:
        t = self.totals()
        kinds = sorted(set(self.cases) | set(self.faults))
        lines = [
            f"hardening: {t['cases']} bad inputs tried, {t['faults']} faults injected, "
            f"{t['survived']} survived, {t['failed']} failed"
        ]
        for kind in kinds:
            n = self.cases[kind] + self.faults[kind]
            lines.append(f"  {kind:<28} {n:>6} tried {self.survived[kind]:>6} survived")
        for name, value in sorted(self.figures.items()):
            lines.append(f"  {name:<40} {value:10.1f}")
        return "\n".join(lines)

    def write(self, path: Path) -> None:
        path.write_text(
            json.dumps(
                {
                    **self.totals(),
                    "by_kind": {
                        k: {
                            "tried": self.cases[k] + self.faults[k],
                            "fault": k in self.faults,
                            "survived": self.survived[k],
                        }
                        for k in sorted(set(self.cases) | set(self.faults))
                    },
                    "figures": self.figures,
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )


TALLY = Tally()
