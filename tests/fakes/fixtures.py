"""Pytest fixtures starting a fresh fake Telegram / Twilio server per test.

Enable with `pytest_plugins = ["tests.fakes.fixtures"]` in a conftest, or import the fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .telegram_api import FakeTelegramServer
from .twilio_api import FakeTwilioServer


@pytest.fixture
def telegram_server() -> Iterator[FakeTelegramServer]:
    """A running FakeTelegramServer (default token), stopped after the test."""
    with FakeTelegramServer() as server:
        yield server


@pytest.fixture
def twilio_server() -> Iterator[FakeTwilioServer]:
    """A running FakeTwilioServer (default account SID / auth token), stopped after the test."""
    with FakeTwilioServer() as server:
        yield server
