"""Deadlines in service time, the escalation order, and the office's holiday list."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.config import load_office_config
from bot.sop.deadlines import (DeadlineInput, DeadlineRules, EscalationPolicy, NoticeKind, deadline,
                           due_notifications, is_overdue, schedule, service_minutes_between)
from bot.sop.holidays import office_holidays, with_office_holidays
from bot.sop.hours import ServiceHours

WITA = dt.timezone(dt.timedelta(hours=8))


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=WITA)


@pytest.fixture(scope="module")
def config():
    return load_office_config()


@pytest.fixture(scope="module")
def rules(config) -> DeadlineRules:
    """Config holidays only: what config.yml says, nothing from the library."""
    return DeadlineRules.from_config(config)


@pytest.fixture(scope="module")
def merged_rules(config) -> DeadlineRules:
    merged = with_office_holidays(config, [2026, 2027])
    return DeadlineRules.from_config(merged, ServiceHours(merged))


def received(when: dt.datetime, stage: str = "received", section: str | None = None) -> DeadlineInput:
    return DeadlineInput(ticket="TRK-0001", stage=stage, entered_at=when, section=section)


# --- deadline arithmetic -------------------------------------------------------------------

@pytest.mark.parametrize("entered, expected", [
    (at(2026, 12, 1, 10, 0), at(2026, 12, 1, 10, 10)),    # plain Tuesday morning
    (at(2026, 12, 1, 15, 55), at(2026, 12, 2, 8, 5)),     # evening does not count
    (at(2026, 12, 1, 21, 30), at(2026, 12, 2, 8, 10)),    # filed at night: clock starts at opening
    (at(2026, 12, 4, 16, 25), at(2026, 12, 7, 8, 5)),     # Friday closes 16:30, weekend skipped
    (at(2026, 12, 5, 11, 0), at(2026, 12, 7, 8, 10)),     # filed on Saturday
    (at(2026, 12, 23, 15, 58), at(2026, 12, 28, 8, 8)),   # cuti bersama 24th, Natal 25th, weekend
])
def test_ten_minute_step_counts_service_time_only(rules, entered, expected):
    assert deadline(received(entered), rules) == expected


def test_long_step_skips_weekend_and_config_holidays(rules):
    # reviewed -> examined: 2880 service minutes. Mon-Thu 480 each, Fri 510 = 2430; 450 left.
    # Config closes 9-11 March 2027 (Nyepi, Idul Fitri) but not Monday 8 March.
    found = schedule(received(at(2027, 3, 1, 8, 0), stage="reviewed"), rules)
    assert found is not None
    assert (found.next_stage, found.standard_minutes) == ("examined", 2880)
    assert found.responsible_role == "seksi"
    assert found.deadline == at(2027, 3, 8, 15, 30)


def test_long_step_with_library_holidays_and_collective_leave(merged_rules):
    # The library adds Nyepi on 8 March and cuti bersama on 12 and 15 March 2027.
    found = schedule(received(at(2027, 3, 1, 8, 0), stage="reviewed"), merged_rules)
    assert found is not None and found.deadline == at(2027, 3, 16, 15, 30)


def test_library_only_holiday_is_skipped(rules, merged_rules):
    # Isra Mikraj, Tuesday 5 January 2027, is missing from config.yml.
    entered = received(at(2027, 1, 4, 15, 55))
    assert deadline(entered, rules) == at(2027, 1, 5, 8, 5)
    assert deadline(entered, merged_rules) == at(2027, 1, 6, 8, 5)


def test_no_deadline_after_the_last_stage_or_without_a_standard(config, rules):
    assert schedule(received(at(2026, 12, 1, 10), stage="archived"), rules) is None
    partial = DeadlineRules(ServiceHours(config), {"reported_to_kasi": 10})
    assert schedule(received(at(2026, 12, 1, 10), stage="reported_to_kasi"), partial) is None
    assert not is_overdue(received(at(2020, 1, 1, 10), stage="archived"), at(2026, 12, 1, 10), rules)


def test_is_overdue_at_and_after_the_deadline(rules):
    entered = received(at(2026, 12, 1, 15, 55))
    assert not is_overdue(entered, at(2026, 12, 1, 23, 0), rules)
    assert not is_overdue(entered, at(2026, 12, 2, 8, 4), rules)
    assert is_overdue(entered, at(2026, 12, 2, 8, 5), rules)


def test_naive_datetimes_are_refused(rules):
    with pytest.raises(ValueError):
        schedule(received(dt.datetime(2026, 12, 1, 10, 0)), rules)
    with pytest.raises(ValueError):
        due_notifications(received(at(2026, 12, 1, 10)), dt.datetime(2026, 12, 1, 10, 9), set(), rules)


def test_service_minutes_between(rules):
    hours = rules.hours
    assert service_minutes_between(hours, at(2026, 12, 4, 16, 20), at(2026, 12, 7, 8, 10)) == 20
    assert service_minutes_between(hours, at(2026, 12, 1, 9, 0), at(2026, 12, 1, 9, 45)) == 45
    assert service_minutes_between(hours, at(2026, 12, 23, 15, 0), at(2026, 12, 28, 9, 0)) == 120
    assert service_minutes_between(hours, at(2026, 12, 2, 9, 0), at(2026, 12, 1, 9, 0)) == 0


# --- escalation order ----------------------------------------------------------------------

def kinds(notices) -> list[tuple[str, str]]:
    return [(n.kind.value, n.role) for n in notices]


def test_reminder_then_kasi_then_kepala_never_outside_service_hours(rules):
    # Received Tuesday 15:50; reported_to_kasi due in 10 service minutes = 16:00, closing time.
    complaint = received(at(2026, 12, 1, 15, 50))
    sent: set[str] = set()

    def step(now: dt.datetime) -> list[tuple[str, str]]:
        notices = due_notifications(complaint, now, sent, rules)
        sent.update(n.key for n in notices)
        return kinds(notices)

    assert step(at(2026, 12, 1, 15, 57)) == []
    assert step(at(2026, 12, 1, 15, 58)) == [("reminder", "petugas")]     # 80% of 10 minutes
    assert step(at(2026, 12, 1, 15, 59)) == []                            # sent once
    assert step(at(2026, 12, 1, 16, 0)) == []                             # closed: deferred
    assert step(at(2026, 12, 1, 23, 0)) == []                             # never at night
    assert step(at(2026, 12, 2, 7, 59)) == []
    assert step(at(2026, 12, 2, 8, 0)) == [("escalate_kasi", "kasi_tikkim")]
    assert step(at(2026, 12, 2, 8, 9)) == []
    assert step(at(2026, 12, 2, 8, 10)) == [("escalate_kepala", "kepala_kantor")]
    assert step(at(2026, 12, 2, 12, 0)) == []


def test_reminder_falling_at_closing_is_deferred_to_the_next_opening(rules):
    # Entered Friday 16:22: the reminder is due at 16:30 (Friday closing), the deadline Monday 08:02.
    complaint = received(at(2026, 12, 4, 16, 22))
    assert due_notifications(complaint, at(2026, 12, 4, 16, 30), set(), rules) == []
    assert due_notifications(complaint, at(2026, 12, 5, 10, 0), set(), rules) == []  # Saturday
    monday = due_notifications(complaint, at(2026, 12, 7, 8, 0), set(), rules)
    assert kinds(monday) == [("reminder", "petugas")]
    assert monday[0].due_at == at(2026, 12, 7, 8, 0)
    assert monday[0].deadline == at(2026, 12, 7, 8, 2)


def test_late_run_sends_escalations_in_order_and_drops_the_stale_reminder(rules):
    complaint = received(at(2026, 12, 1, 10, 0))
    notices = due_notifications(complaint, at(2026, 12, 1, 11, 0), set(), rules)
    assert kinds(notices) == [("escalate_kasi", "kasi_tikkim"), ("escalate_kepala", "kepala_kantor")]
    assert all(n.deadline == at(2026, 12, 1, 10, 10) for n in notices)
    assert {n.next_stage for n in notices} == {"reported_to_kasi"}


def test_section_step_reminds_the_section_and_keys_are_stable(config, rules):
    policy = EscalationPolicy(remind_minutes_before=60, kepala_after_minutes=120)
    custom = DeadlineRules.from_config(config, policy=policy)
    complaint = received(at(2027, 3, 1, 8, 0), stage="reviewed", section="lantaskim")
    found = schedule(complaint, custom)
    assert found is not None
    assert found.remind_at == at(2027, 3, 8, 14, 30)
    assert found.kepala_at == at(2027, 3, 12, 9, 30)   # 15:30 + 120 min, across 9-11 March
    [reminder] = due_notifications(complaint, at(2027, 3, 8, 14, 30), set(), custom)
    assert (reminder.kind, reminder.role, reminder.section) == (NoticeKind.REMINDER, "seksi", "lantaskim")
    again = due_notifications(complaint, at(2027, 3, 8, 14, 45), set(), custom)
    assert again[0].key == reminder.key
    assert due_notifications(complaint, at(2027, 3, 8, 14, 45), {reminder.key}, custom) == []
    reentered = DeadlineInput("TRK-0001", "reviewed", at(2027, 3, 2, 8, 0), "lantaskim")
    [renewed] = due_notifications(reentered, at(2027, 3, 12, 14, 30), set(), custom)
    assert renewed.kind is NoticeKind.REMINDER and renewed.key != reminder.key


# --- holidays -------------------------------------------------------------------------------

def test_office_holidays_merge_config_and_library(config):
    merged = office_holidays(config, [2027])
    assert merged[dt.date(2027, 1, 5)] == "Isra Mikraj Nabi Muhammad"          # library only
    assert merged[dt.date(2027, 3, 9)] == "Hari Raya Nyepi"                    # config wins
    assert merged[dt.date(2027, 3, 15)].startswith("Cuti Bersama")             # collective leave
    assert merged[dt.date(2027, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert all(day.year == 2027 for day in merged)
    assert list(merged) == sorted(merged)


def test_office_holidays_options(config):
    only_config = office_holidays(config, [2026], use_library=False)
    assert only_config == {dt.date(2026, 12, 24): "Cuti Bersama Hari Raya Natal",
                           dt.date(2026, 12, 25): "Hari Raya Natal"}
    opened = office_holidays(config, [2027], not_closed=[dt.date(2027, 3, 8)])
    assert dt.date(2027, 3, 8) not in opened and dt.date(2027, 3, 9) in opened


def test_with_office_holidays_keeps_other_years(config):
    merged = with_office_holidays(config, [2026])
    dates = {h.date for h in merged.holidays}
    assert dt.date(2026, 3, 21) in dates                # Idul Fitri 2026, from the library
    assert dt.date(2027, 3, 10) in dates                # config's 2027 entries kept
    assert dt.date(2027, 1, 5) not in dates             # library not asked for 2027
    assert config.holidays != merged.holidays           # the original is untouched


def test_the_not_true_branch_skips_the_follow_up_deadline(rules):
    examined = DeadlineInput(ticket="TRK-0001", stage="examined", entered_at=at(2026, 12, 1, 10),
                             section="tu", verdict="tidak_benar")
    found = schedule(examined, rules)
    assert (found.next_stage, found.responsible_role, found.standard_minutes) == (
        "report_drafted", "penyusun_laporan", 960)
    true = schedule(DeadlineInput(ticket="TRK-0001", stage="examined",
                                  entered_at=at(2026, 12, 1, 10), verdict="benar"), rules)
    assert (true.next_stage, true.responsible_role) == ("followed_up", "seksi")


def test_responsible_roles_come_from_the_sop_workflow():
    from bot.sop.deadlines import RESPONSIBLE_ROLE
    from bot.sop.workflow import TRANSITIONS
    assert RESPONSIBLE_ROLE == {t.target: t.actor.value for t in TRANSITIONS}
    assert RESPONSIBLE_ROLE["signed"] == "kepala_kantor" and len(RESPONSIBLE_ROLE) == 9


# --- the ladder reaches leadership ------------------------------------------------------------

def walk(complaint, rules, moments):  # type: ignore[no-untyped-def]
    """Notices at each moment, each sent once: [(moment, [(kind, role)])]."""
    sent: set[str] = set()
    out = []
    for now in moments:
        notices = due_notifications(complaint, now, sent, rules)
        sent.update(n.key for n in notices)
        out.append(kinds(notices))
    return out


def test_a_late_section_reaches_the_kepala_within_one_service_day(rules):
    # Step 5 (followed_up, 4,800 service minutes) entered Tue 1 Dec 10:00: due 10 service days
    # later; the case had the Kepala hear a full standard later. Now: one service day.
    complaint = DeadlineInput("TRK-0005", "examined", at(2026, 12, 1, 10, 0), "lantaskim",
                              verdict="benar")
    found = schedule(complaint, rules)
    assert found is not None and found.responsible_role == "seksi"
    assert service_minutes_between(rules.hours, found.deadline, found.kepala_at) <= 480
    assert found.kepala_at - found.deadline <= dt.timedelta(days=4)   # a weekend at most


def test_kasi_late_goes_straight_to_the_kepala_and_the_kepala_late_to_the_kasi(rules):
    kasi_step = DeadlineInput("TRK-0003", "reported_to_kasi", at(2026, 12, 1, 10, 0))
    late = walk(kasi_step, rules, [at(2026, 12, 1, 10, 10), at(2026, 12, 1, 10, 30)])
    assert late == [[("escalate_kepala", "kepala_kantor")], []]    # never "to Kasi Tikkim"
    kepala_step = DeadlineInput("TRK-0008", "initialed", at(2026, 12, 1, 10, 0))
    found = schedule(kepala_step, rules)
    assert found is not None and found.responsible_role == "kepala_kantor"
    after = due_notifications(kepala_step, found.deadline, set(), rules)
    assert kinds(after) == [("escalate_kasi", "kasi_tikkim")]      # never "to Kepala Kantor"


def test_overdue_notices_repeat_every_service_day_never_twice_a_day(rules):
    complaint = received(at(2026, 12, 1, 10, 0))      # due 10:10 the same Tuesday
    days = walk(complaint, rules, [at(2026, 12, 1, 10, 20), at(2026, 12, 1, 15, 0),
                                   at(2026, 12, 2, 8, 0), at(2026, 12, 2, 9, 0),
                                   at(2026, 12, 3, 8, 5), at(2026, 12, 5, 9, 0),
                                   at(2026, 12, 7, 8, 0)])
    assert days == [[("escalate_kasi", "kasi_tikkim"), ("escalate_kepala", "kepala_kantor")],
                    [], [("overdue", "petugas")], [], [("overdue", "petugas")],
                    [],                                   # Saturday: closed
                    [("overdue", "petugas")]]


def test_office_hours_are_built_once_per_config_and_years(config):
    """`office_hours` (what a held complaint's deadline, /lihat and the registers read) builds
    the merged hours once: building them cost about 2 ms, inside a filing's write
    transaction. Another config, or other years, gets hours of its own, never stale ones."""
    from bot.config import Holiday
    from bot.sop.holidays import office_hours

    hours = office_hours(config, range(2025, 2029))
    assert office_hours(config, [2028, 2027, 2026, 2025]) is hours
    assert hours.holidays == ServiceHours(with_office_holidays(config, range(2025, 2029))).holidays
    assert office_hours(config, range(2026, 2028)) is not hours
    assert dt.date(2028, 1, 1) not in office_hours(config, range(2026, 2028)).holidays
    extra = Holiday(date=dt.date(2026, 12, 7), name="Hari libur daerah")
    other = config.model_copy(update={"holidays": [*config.holidays, extra]})
    theirs = office_hours(other, range(2025, 2029))
    assert theirs.holidays[dt.date(2026, 12, 7)] == "Hari libur daerah"
    assert dt.date(2026, 12, 7) not in office_hours(config, range(2025, 2029)).holidays
    assert not theirs.is_open(at(2026, 12, 7, 10)) and hours.is_open(at(2026, 12, 7, 10))
