"""RasaNluClient: against the real Rasa server (trained model) and against broken servers."""
from __future__ import annotations

import http.server
import json
import socket
import socketserver
import threading
import time
from typing import Iterator

import pytest

from nlu.client import COMPLAINT_TYPES, NluEntity, NluResult, RasaNluClient, result_from_parse

# One obvious message per complaint type at least: formal, informal and English.
OBVIOUS = [
    ("paspor", "paspor saya sudah dua minggu belum jadi, padahal katanya 4 hari kerja"),
    ("paspor", "nama di paspor sy salah cetak, tlg diperbaiki"),
    ("izin_tinggal", "perpanjangan ITAS istri saya yang WNA belum diproses sudah sebulan"),
    ("izin_tinggal", "my KITAS extension is still pending after six weeks"),
    ("perlintasan", "antrian cap paspor di pelabuhan malundung 3 jam, kami ketinggalan kapal ke tawau"),
    ("perlintasan", "I was refused departure at Juwata airport for no reason"),
    ("pungli", "ada calo minta 1,5jt biar paspor cepet jadi, katanya kenal orang dalam"),
    ("pungli", "petugas minta uang 500rb tanpa kuitansi"),
    ("perilaku_petugas", "petugas di loket kasar bgt, saya dibentak"),
    ("perilaku_petugas", "the officer was very rude and shouted at me"),
    ("pengawasan_wna", "ada WNA overstay kerja di tambak tanpa izin, tolong dicek"),
    ("pengawasan_wna", "I want to report foreigners working illegally at the mine"),
    ("sistem_online", "aplikasi m-paspor error terus, OTP gak masuk2"),
    # a full quota for a passport slot is a passport matter (nlu/README.md, labelling rules)
    ("paspor", "kuota antrian paspor di aplikasi selalu habis"),
    ("sarana_prasarana", "toilet kantor imigrasi kotor dan AC ruang tunggu mati"),
    ("sarana_prasarana", "there is no wheelchair access at the office"),
    ("informasi", "apa saja syarat bikin paspor baru dan berapa biayanya?"),
    ("informasi", "kantor imigrasi buka jam berapa hari sabtu"),
    ("lainnya", "e-KTP saya belum jadi di dukcapil sudah 5 bulan"),
    ("lainnya", "listrik PLN di rumah padam terus"),
]


@pytest.fixture(scope="module")
def live_client(rasa_url: str) -> Iterator[RasaNluClient]:
    client = RasaNluClient(rasa_url, timeout=5.0)  # generous: first parses warm the model
    yield client
    client.close()


# -- real server ---------------------------------------------------------------------


@pytest.mark.parametrize(("expected", "text"), OBVIOUS, ids=[f"{e}-{i}" for i, (e, _) in enumerate(OBVIOUS)])
def test_obvious_messages_are_classified(live_client: RasaNluClient, expected: str, text: str) -> None:
    result = live_client.parse(text)
    assert isinstance(result, NluResult)
    assert result.intent == expected, result.ranking[:3]
    assert 0.0 < result.confidence <= 1.0
    assert result.ranking and result.ranking[0][0] == expected


OUT_OF_SCOPE = [
    "jalan di depan rumah saya berlubang besar, tolong pak wali",
    "aplikasi JKN gak bisa login, OTP gak masuk",
    "transfer dari m-banking gagal tapi saldo sudah terpotong",
    "e-KTP saya belum dicetak dukcapil sudah 4 bulan",
    "sinyal telkomsel hilang terus di kampung",
    "the airline lost my luggage on the flight to Tarakan",
]


@pytest.mark.parametrize("text", OUT_OF_SCOPE)
def test_out_of_scope_messages_are_flagged_and_never_proposed(live_client: RasaNluClient, text: str) -> None:
    result = live_client.parse(text)
    assert result is not None
    assert result.out_of_scope, result.ranking[:3]
    assert result.proposal(0.0) is None


@pytest.mark.parametrize(("expected", "text"), [(e, t) for e, t in OBVIOUS if e != "lainnya"][::3])
def test_obvious_complaints_are_proposed(live_client: RasaNluClient, expected: str, text: str) -> None:
    result = live_client.parse(text)
    assert result is not None and not result.out_of_scope
    assert result.proposal(0.5) == expected, result.ranking[:3]


@pytest.mark.parametrize("text", ["halo min", "sy mau komplain", "makasih ya", "batal"])
def test_menu_messages_are_not_complaints(live_client: RasaNluClient, text: str) -> None:
    result = live_client.parse(text)
    assert result is not None
    assert not result.out_of_scope and result.proposal(0.0) is None
    assert result.best not in COMPLAINT_TYPES


@pytest.mark.parametrize("text", ["", "   ", "🙏", "..."])
def test_empty_or_symbol_only_messages_are_answered_without_a_proposal(live_client: RasaNluClient, text: str) -> None:
    result = live_client.parse(text)
    assert result is not None
    assert result.proposal(0.55) is None


def test_ticket_number_is_extracted(live_client: RasaNluClient) -> None:
    text = "status TRK-7K3Q-9MXA dong"
    result = live_client.parse(text)
    assert result is not None
    assert result.intent == "check_status"
    tickets = [e for e in result.entities if e.entity == "ticket"]
    assert tickets == [NluEntity(entity="ticket", value="TRK-7K3Q-9MXA", start=7, end=20)]
    assert text[tickets[0].start:tickets[0].end] == "TRK-7K3Q-9MXA"


def test_lower_case_ticket_number_is_extracted(live_client: RasaNluClient) -> None:
    result = live_client.parse("cek trk-7k3q-9mxa ya min")
    assert result is not None
    assert [e.value for e in result.entities if e.entity == "ticket"] == ["trk-7k3q-9mxa"]


def test_invalid_ticket_alphabet_is_not_extracted(live_client: RasaNluClient) -> None:
    # 0, O, 1, I and L are not in the ticket alphabet
    result = live_client.parse("status TRK-0OI1-LLLL dong")
    assert result is not None
    assert [e for e in result.entities if e.entity == "ticket"] == []


def test_model_version_is_reported(live_client: RasaNluClient) -> None:
    version = live_client.model_version()
    assert version is not None and version.startswith("aduan-nlu.tar.gz")
    result = live_client.parse("halo")
    assert result is not None and result.model_version == version
    assert live_client.healthy()


def test_parse_is_fast_on_a_warm_keep_alive_session(live_client: RasaNluClient) -> None:
    live_client.parse("paspor sy blm jadi")
    started = time.perf_counter()
    for _ in range(5):
        assert live_client.parse("paspor sy blm jadi") is not None
    assert (time.perf_counter() - started) / 5 < 0.5


# -- failures: never raise, return None --------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nothing_listening_returns_none_quickly() -> None:
    client = RasaNluClient(f"http://127.0.0.1:{_free_port()}", timeout=0.5)
    started = time.perf_counter()
    assert client.parse("paspor saya belum jadi") is None
    assert client.model_version() is None
    assert client.healthy() is False
    assert time.perf_counter() - started < 1.0


@pytest.fixture
def hanging_server() -> Iterator[str]:
    """Accepts connections (and reads) but never answers."""
    stop = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    held: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    listener.close()


def test_hanging_server_returns_none_within_timeout(hanging_server: str) -> None:
    timeout = 0.3
    client = RasaNluClient(hanging_server, timeout=timeout)
    started = time.perf_counter()
    assert client.parse("paspor saya belum jadi") is None
    assert time.perf_counter() - started < timeout + 0.4
    started = time.perf_counter()
    assert client.healthy() is False
    assert time.perf_counter() - started < timeout + 0.4


class _Canned(http.server.BaseHTTPRequestHandler):
    status = 200
    body = b"{}"
    content_type = "application/json"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, *args: object) -> None:  # quiet
        pass


def _serve(status: int, body: bytes, content_type: str = "application/json"):  # type: ignore[no-untyped-def]
    handler = type("H", (_Canned,), {"status": status, "body": body, "content_type": content_type})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b'{"error": "boom"}'),
        (404, b"not found"),
        (409, b'{"status": "failure", "reason": "no model loaded"}'),
        (200, b"<html>not json</html>"),
        (200, b'{"intent": {"name": 42}}'),
        (200, b'["a", "list"]'),
        (200, b'{"intent": {"name": "paspor", "confidence": "high"}}'),
        (200, b""),
    ],
    ids=["500", "404", "409", "html", "bad-intent", "list", "bad-confidence", "empty"],
)
def test_bad_answers_return_none(status: int, body: bytes) -> None:
    server, url = _serve(status, body)
    try:
        client = RasaNluClient(url, timeout=1.0)
        assert client.parse("paspor saya belum jadi") is None
    finally:
        server.shutdown()
        server.server_close()


def test_good_answer_is_mapped_and_version_cached() -> None:
    answer = {
        "text": "status TRK-7K3Q-9MXA",
        "intent": {"name": "check_status", "confidence": 0.97},
        "entities": [
            {"entity": "ticket", "value": "TRK-7K3Q-9MXA", "start": 7, "end": 20,
             "extractor": "RegexEntityExtractor"},
            {"bogus": True},
        ],
        "intent_ranking": [
            {"name": "check_status", "confidence": 0.97},
            {"name": "help", "confidence": 0.02},
        ],
        "model_file": "/x/nlu/models/aduan-nlu.tar.gz",
        "model_id": "abc123",
    }
    # the canned server answers /status with the same JSON (has model_file and model_id)
    server, url = _serve(200, json.dumps(answer).encode())
    try:
        client = RasaNluClient(url, timeout=1.0)
        result = client.parse("status TRK-7K3Q-9MXA")
        assert result == NluResult(
            intent="check_status",
            confidence=0.97,
            model_version="aduan-nlu.tar.gz#abc123",
            entities=(NluEntity("ticket", "TRK-7K3Q-9MXA", 7, 20),),
            ranking=(("check_status", 0.97), ("help", 0.02)),
        )
        assert client.model_version() == "aduan-nlu.tar.gz#abc123"
        assert client.healthy() is True
    finally:
        server.shutdown()
        server.server_close()


# -- the out_of_scope / proposal contract (no server) -------------------------------


def _parsed(*ranking: tuple[str, float]) -> NluResult:
    return result_from_parse({
        "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        "entities": [],
    })


def test_confident_complaint_type_is_proposed() -> None:
    result = _parsed(("pungli", 0.81), ("paspor", 0.1))
    assert result.best == "pungli" and result.best_confidence == 0.81
    assert result.out_of_scope is False
    assert result.proposal(0.6) == "pungli"
    assert result.proposal(0.81) == "pungli"  # the threshold is inclusive
    assert result.proposal(0.82) is None


def test_out_of_scope_is_never_proposed() -> None:
    result = _parsed(("lainnya", 0.95), ("paspor", 0.03))
    assert result.out_of_scope is True
    assert result.proposal(0.0) is None


def test_low_confidence_out_of_scope_is_still_flagged() -> None:
    # the signal is the model's best answer; the app decides how strongly to word it
    assert _parsed(("lainnya", 0.31), ("paspor", 0.30)).out_of_scope is True


def test_conversational_intents_are_neither_proposed_nor_out_of_scope() -> None:
    for name in ("complain", "greet", "check_status", "talk_to_officer", "thanks", "cancel",
                 "affirm", "deny", "help"):
        result = _parsed((name, 0.99))
        assert result.out_of_scope is False
        assert result.proposal(0.0) is None


def test_informasi_is_a_complaint_type_and_can_be_proposed() -> None:
    assert _parsed(("informasi", 0.9)).proposal(0.6) == "informasi"


def test_fallback_uses_the_best_real_intent() -> None:
    # FallbackClassifier puts nlu_fallback first; the model's own answer comes next
    result = _parsed(("nlu_fallback", 0.3), ("lainnya", 0.28), ("paspor", 0.2))
    assert result.intent == "nlu_fallback"
    assert result.best == "lainnya" and result.out_of_scope is True
    result = _parsed(("nlu_fallback", 0.3), ("paspor", 0.29), ("lainnya", 0.2))
    assert result.out_of_scope is False
    assert result.proposal(0.6) is None and result.proposal(0.25) == "paspor"


def test_result_without_ranking_uses_the_intent() -> None:
    result = result_from_parse({"intent": {"name": "perlintasan", "confidence": 0.7}})
    assert result.ranking == (("perlintasan", 0.7),)
    assert result.proposal(0.6) == "perlintasan" and not result.out_of_scope
