"""The four policies applied to one tick, including hypothesis invariants."""

import random

from hypothesis import given
from hypothesis import strategies as st

from wargame.engine.policies import Odds, split

POLICIES = ["cp", "cp-reads", "queued", "ap"]


def test_cp_refuses_reads_and_writes_without_quorum():
    s = split("cp", 100, 50, Odds(0.0, True, 0.4, True), random.Random(1))
    assert (s.w_ok, s.w_failed, s.r_ok, s.r_failed) == (0, 50, 0, 100)


def test_cp_reads_serves_reads_locally_but_refuses_writes():
    s = split("cp-reads", 100, 50, Odds(0.0, True, 0.4, True), random.Random(1))
    assert s.w_failed == 50 and s.r_ok == 100 and s.r_failed == 0
    assert 0 < s.r_stale < 100


def test_queued_accepts_writes_as_pending():
    s = split("queued", 100, 50, Odds(0.0, True, 0.0, True), random.Random(1))
    assert s.w_pending == 50 and s.w_failed == 0 and s.w_ok == 0


def test_ap_accepts_everything_locally_and_diverges():
    s = split("ap", 100, 50, Odds(0.0, True, 0.0, True), random.Random(1))
    assert s.w_local == 50 and s.w_failed == 0 and s.r_failed == 0


def test_connected_ap_commits_normally():
    s = split("ap", 10, 5, Odds(1.0, False, 0.0, True), random.Random(1))
    assert s.w_ok == 5 and s.w_local == 0


def test_overloaded_local_replica_fails_local_reads():
    s = split("cp-reads", 30, 0, Odds(0.0, True, 0.0, False), random.Random(1))
    assert s.r_failed == 30


@given(
    policy=st.sampled_from(POLICIES),
    reads=st.integers(0, 5000),
    writes=st.integers(0, 5000),
    p=st.floats(0, 1),
    diverged=st.booleans(),
    stale=st.floats(0, 1),
    local_ok=st.booleans(),
    seed=st.integers(0, 2**32),
)
def test_every_request_ends_in_exactly_one_outcome(
    policy, reads, writes, p, diverged, stale, local_ok, seed
):
    s = split(policy, reads, writes, Odds(p, diverged, stale, local_ok), random.Random(seed))
    assert s.w_ok + s.w_local + s.w_pending + s.w_failed == writes
    assert s.r_ok + s.r_failed == reads
    assert 0 <= s.r_stale <= s.r_ok
    assert min(s.w_ok, s.w_local, s.w_pending, s.w_failed, s.r_ok, s.r_failed) >= 0
    if policy in ("cp", "cp-reads") and p == 0:
        assert s.w_ok == 0 and s.w_local == 0  # no write without quorum
    if policy == "ap":
        assert s.w_failed == 0  # AP never refuses for lack of quorum
    if policy == "cp":
        assert s.r_stale == 0
