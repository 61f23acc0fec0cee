"""Shared test set-up: local time is pinned so clock times in output are stable."""

from __future__ import annotations

import os
import time

os.environ["TZ"] = "Pacific/Auckland"
time.tzset()
