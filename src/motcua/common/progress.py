"""Progress lines for long commands (a counter on a terminal, plain lines in a log)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = max(total, 1), label, 0
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.tty = self.stream.isatty()

    def step(self, note: str = "") -> None:
        self.done += 1
        width = 30
        filled = width * self.done // self.total
        bar = "█" * filled + "·" * (width - filled)
        line = f"{self.label} [{bar}] {self.done}/{self.total} {note}"
        if self.tty:
            self.stream.write("\r\033[K" + line)
            if self.done >= self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> float:
        return time.monotonic() - self.started
