"""Progress for big specs: a self-rewriting line on a terminal, nothing elsewhere.

Shown only when stderr is a TTY, CI is not set, and there is enough work to
be worth watching; logs and CI output stay clean.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

MIN_ITEMS = 50  # below this a run is over before a bar helps


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.total = total
        self.done = 0
        self._last = 0.0
        self.enabled = total >= MIN_ITEMS and self.stream.isatty() and not os.environ.get("CI")

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done >= self.total:
            self._last = now
            self.stream.write(f"\r{self.label}: {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
