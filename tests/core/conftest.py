from __future__ import annotations

import pytest

from motcua.core.calendar import WorkCalendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return WorkCalendar.build(range(2023, 2028))
