"""Reading people's words: done, none, fillers, protests, cancel/keep, menu wishes, dates."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.conversation import understand as u
from bot.conversation.when import parse, short_date

TODAY = dt.date(2026, 12, 1)   # a Tuesday


@pytest.mark.parametrize("text", ["lanjut", "udah itu aja min", "ok lanjut", "sudah semua",
                                  "that's all", "Udah", "itu aja", "cukup", "selesai min",
                                  "done", "udh", "gitu aja", "itu aja min, tolong dibantu ya"])
def test_done(text):
    assert u.is_done(text)


@pytest.mark.parametrize("text, closing", [
    ("mohon ditindaklanjuti", True), ("tolong dibantu ya min", True),
    ("please follow up, thank you", True), ("terima kasih", False), ("tolong", False),
    ("mohon ditindaklanjuti, petugasnya kasar", False)])
def test_a_letter_s_closing_line(text, closing):
    assert u.is_closing(text) is closing


@pytest.mark.parametrize("text", ["sudah 3 minggu paspor blm jadi", "ok", "ya", "lanjutannya gini"])
def test_not_done(text):
    assert not u.is_done(text)


@pytest.mark.parametrize("text", ["halo??", "ok", "ya", "Haloooo min", "🙏", "...", "makasih min",
                                  "p", "assalamualaikum", "oke kak"])
def test_fillers(text):
    assert u.is_filler(text)


@pytest.mark.parametrize("text", ["paspor rusak", "petugas loket 3", "AC mati"])
def test_not_fillers(text):
    assert not u.is_filler(text)


@pytest.mark.parametrize("text", ["ga ada", "gk ada", "gak ada", "nggak ada", "tdk ada", "gatau",
                                  "ga ada bukti", "nggak tau min", "gak punya", "lupa", "-",
                                  "don't know", "tidak ada", "gaada", "skip", "lewati",
                                  "tdk tau namanya", "tidak ada buktinya", "lupa nomornya"])
def test_none(text):
    assert u.is_none(text)


@pytest.mark.parametrize("text", ["ada", "petugas loket 3", "Budi", "ada kuitansi",
                                  "tdk tau namanya, ibu2 berjilbab", "gatau, ibu berjilbab",
                                  "ga tau namanya tp loket 3"])
def test_not_none(text):
    assert not u.is_none(text)


@pytest.mark.parametrize("text", ["lho kok nama? sy mau dirahasiain", "maksudnya apa",
                                  "kenapa harus nama", "harus ya?"])
def test_questions_and_protests(text):
    assert u.is_question(text)


@pytest.mark.parametrize("text, cancel, keep", [
    ("batal", True, False), ("batalin aja min", True, False), ("ga jadi", True, False),
    ("cancel", True, False), ("eh jgn dibatalin", False, True), ("jangan dicancel", False, True),
    ("ga usah dibatalkan", False, True), ("batal bikin paspor karena mahal", False, False)])
def test_cancel_and_keep(text, cancel, keep):
    assert (u.wants_cancel(text), u.keeps(text)) == (cancel, keep)


@pytest.mark.parametrize("text, wish", [
    ("sy mau komplain", "complain"), ("mau ngadu", "complain"), ("keluhan", "complain"),
    ("min, syarat bikin paspor baru apa aja ya?", "informasi"),
    ("mau ngomong sama orang aja, bukan bot", "talk_to_officer"),
    ("can I speak to a human", "talk_to_officer"), ("mau cek laporan sy yg kmrn", "check_status"),
    ("halo??", "greet"), ("makasih", "thanks"), ("petugasnya kasar banget tadi di loket", None),
    ("paspor saya belum jadi udah 3 minggu", None)])
def test_menu_wishes(text, wish):
    assert u.menu_wish(text)[0] == wish


@pytest.mark.parametrize("text, date, label", [
    ("kmrn pagi jam 10an", dt.date(2026, 11, 30), "yesterday"),
    ("selasa minggu lalu", dt.date(2026, 11, 24), None),      # said on a Tuesday: not today
    ("kamis minggu lalu", dt.date(2026, 11, 26), None), ("last tuesday", dt.date(2026, 11, 24), None),
    ("hari senin pekan lalu", dt.date(2026, 11, 23), None), ("minggu lalu", None, None),
    ("12 Nov 2026", dt.date(2026, 11, 12), None), ("12/11/2026", dt.date(2026, 11, 12), None),
    ("12 nov", dt.date(2026, 11, 12), None), ("3 hari lalu", dt.date(2026, 11, 28), None),
    ("seminggu yang lalu", dt.date(2026, 11, 24), None), ("tadi pagi", TODAY, "today"),
    ("hari sabtu", dt.date(2026, 11, 28), None), ("tgl 28", dt.date(2026, 11, 28), None),
    ("Nov 12", dt.date(2026, 11, 12), None), ("12 Des", dt.date(2025, 12, 12), None),
    ("2 weeks ago", dt.date(2026, 11, 17), None), ("sudah 3 minggu", dt.date(2026, 11, 10), None),
    ("lupa", None, "unsure"), ("31/02/2026", None, None),
    # "kemarin" after a date or a feast names the recent one, not yesterday
    ("tgl 28 kemarin", dt.date(2026, 11, 28), None), ("lebaran kemarin", None, None),
    ("pas libur natal kemarin", None, None), ("kemarin", dt.date(2026, 11, 30), "yesterday")])
def test_dates_in_peoples_words(text, date, label):
    assert parse(text, TODAY) == (date, label)


def test_short_dates_are_unambiguous():
    assert short_date(dt.date(2026, 12, 1), "id") == "1 Des 2026"
    assert short_date(dt.date(2026, 12, 1), "en") == "1 Dec 2026"
