"""The CPU baseline for benchmarks/cpu.sh: a bare Textual app showing a 1 Hz clock."""

import time

from textual.app import App, ComposeResult
from textual.widgets import Label


class Clock(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(time.strftime("%H:%M:%S"))

    def on_mount(self) -> None:
        self.set_interval(1.0, lambda: self.query_one(Label).update(time.strftime("%H:%M:%S")))


if __name__ == "__main__":
    Clock().run()
