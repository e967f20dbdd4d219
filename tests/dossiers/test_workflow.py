"""The lifecycle table: legal paths work, illegal ones are refused with what is allowed instead."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.enums import Action, Status
from motcua.dossiers.workflow import (
    ACTIONS,
    START,
    TERMINAL,
    TRANSITIONS,
    IllegalTransition,
    allowed_actions,
    next_status,
)

S, A = Status, Action

PATHS = {
    "counter receipt to return": [
        A.RECEIVE,
        A.TRANSFER,
        A.ASSIGN,
        A.STEP_START,
        A.STEP_FINISH,
        A.APPROVE,
        A.ISSUE_RESULT,
        A.RETURN_RESULT,
    ],
    "online, supplement once, then received": [A.SUBMIT, A.REQUEST_SUPPLEMENT, A.SUPPLEMENT, A.RECEIVE],
    "refused at the counter": [A.REFUSE],
    "incomplete after appraisal, clock restarts": [
        A.RECEIVE,
        A.TRANSFER,
        A.FIND_INCOMPLETE,
        A.SUPPLEMENT_AFTER_APPRAISAL,
        A.APPROVE,
        A.ISSUE_RESULT,
    ],
    "paused, late, apology, returned": [
        A.RECEIVE,
        A.TRANSFER,
        A.PAUSE,
        A.APOLOGISE,
        A.RESUME,
        A.CONSULT,
        A.CONSULT_ANSWER,
        A.APPROVE,
        A.ISSUE_RESULT,
        A.NOTIFY_EARLY,
        A.PAY,
        A.RETURN_RESULT,
    ],
    "rejected after appraisal, notice returned": [A.RECEIVE, A.TRANSFER, A.REJECT, A.RETURN_RESULT],
    "withdrawn while settled": [A.RECEIVE, A.TRANSFER, A.WITHDRAW],
}
ENDS = {
    "counter receipt to return": S.RETURNED,
    "online, supplement once, then received": S.RECEIVED,
    "refused at the counter": S.REFUSED,
    "incomplete after appraisal, clock restarts": S.RESULT_READY,
    "paused, late, apology, returned": S.RETURNED,
    "rejected after appraisal, notice returned": S.RETURNED,
    "withdrawn while settled": S.WITHDRAWN,
}


@pytest.mark.parametrize("name", PATHS)
def test_legal_paths(name: str) -> None:
    status = START
    for action in PATHS[name]:
        status = next_status(status, action)
    assert status == ENDS[name]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.RETURNED, A.RETURN_RESULT),  # twice
        (S.REFUSED, A.RECEIVE),
        (S.RECEIVED, A.APPROVE),  # not transferred yet
        (S.IN_PROGRESS, A.RETURN_RESULT),  # no result yet
        (S.PAUSED, A.APPROVE),  # resume first
        (S.AWAITING_SUPPLEMENT, A.TRANSFER),
        (S.RESULT_READY, A.WITHDRAW),  # the result exists
        (START, A.TRANSFER),
    ],
)
def test_illegal_transitions_say_what_is_allowed(status: str, action: str) -> None:
    with pytest.raises(IllegalTransition) as refused:
        next_status(status, action)
    message = str(refused.value)
    assert str(Action(action).label) in message
    for allowed in allowed_actions(status):
        assert str(Action(allowed).label) in message


def test_the_refusal_message_in_full() -> None:
    with translation.override("vi"), pytest.raises(IllegalTransition) as refused:
        next_status(S.RETURNED, A.RETURN_RESULT)
    assert str(refused.value) == (
        "Hồ sơ đang ở trạng thái “Đã trả kết quả”: không thực hiện được “Trả kết quả”. "
        "Được phép: không còn thao tác nào."
    )
    with translation.override("en"), pytest.raises(IllegalTransition) as in_english:
        next_status(S.RETURNED, A.RETURN_RESULT)
    assert str(in_english.value) == (
        "The dossier is “Result returned”: “Return the result” cannot be done. Allowed: nothing more."
    )


def test_every_edge_has_a_legal_basis_and_terminal_statuses_lead_nowhere() -> None:
    assert all(edge.basis.strip() for edge in ACTIONS.values())
    assert set(ACTIONS) == set(Action.values)
    for status in TERMINAL:
        assert allowed_actions(status) == []
        assert TRANSITIONS[status] == frozenset()


def test_every_status_is_reachable_and_every_open_one_can_end() -> None:
    reached, frontier = {START}, [START]
    while frontier:
        for target in TRANSITIONS[frontier.pop()]:
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == {START, *Status.values}
    for status in set(Status.values) - TERMINAL:
        seen, todo = {status}, [status]
        while todo:
            for target in TRANSITIONS[todo.pop()]:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        assert seen & TERMINAL, status


@given(st.lists(st.sampled_from(Action.values), max_size=25))
def test_any_sequence_either_moves_along_the_table_or_is_refused(actions: list[str]) -> None:
    status = START
    for action in actions:
        before = status
        try:
            status = next_status(status, action)
        except IllegalTransition:
            assert status == before
            continue
        assert status == before or status in TRANSITIONS[before]
