import pytest

from clinllm.errors import CircuitOpen
from clinllm.gateway.breaker import CircuitBreaker


def state(breaker: CircuitBreaker) -> str:
    return breaker.state  # read afresh each time (no type narrowing across clock changes)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_threshold_consecutive_failures() -> None:
    clock = Clock()
    breaker = CircuitBreaker("p", failure_threshold=3, reset_timeout_s=10, clock=clock)
    for _ in range(2):
        breaker.before_call()
        breaker.record_failure()
    assert state(breaker) == "closed"
    breaker.before_call()
    breaker.record_failure()
    assert state(breaker) == "open"
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_success_resets_the_count() -> None:
    breaker = CircuitBreaker("p", failure_threshold=2, clock=Clock())
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert state(breaker) == "closed"


def test_half_open_lets_exactly_one_probe_and_closes_on_success() -> None:
    clock = Clock()
    breaker = CircuitBreaker("p", failure_threshold=1, reset_timeout_s=5, clock=clock)
    breaker.record_failure()
    clock.now = 5.0
    assert state(breaker) == "half_open"
    breaker.before_call()  # the probe
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # a second caller while the probe is out
    breaker.record_success()
    assert state(breaker) == "closed"
    breaker.before_call()


def test_failed_probe_reopens_for_a_full_period() -> None:
    clock = Clock()
    breaker = CircuitBreaker("p", failure_threshold=1, reset_timeout_s=5, clock=clock)
    breaker.record_failure()
    clock.now = 6.0
    breaker.before_call()
    breaker.record_failure()
    assert state(breaker) == "open"
    clock.now = 10.0
    assert state(breaker) == "open"
    clock.now = 11.0
    assert state(breaker) == "half_open"
