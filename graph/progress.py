"""Progress on stderr for work that runs over a second, and only on a terminal (never in pipes or
logs, where it would be noise)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int | None = None, stream=None):
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.shown = False
        self.enabled = self.stream.isatty()

    def advance(self, step: int = 1, note: str = "") -> None:
        self.done += step
        if not self.enabled or time.monotonic() - self.started < 1.0:
            return
        amount = f"{self.done}/{self.total}" if self.total else str(self.done)
        self.stream.write(f"\r{self.label}: {amount} {note}"[:120].ljust(60))
        self.stream.flush()
        self.shown = True

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.shown:
            self.stream.write(f"\r{self.label}: done in {time.monotonic() - self.started:.1f} s".ljust(60) + "\n")
            self.stream.flush()
