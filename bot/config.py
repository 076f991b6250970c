"""Configuration: config.yml (what an office sets) plus the environment (secrets, deployment)."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Annotated, Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.roster import Officer, WhatsAppTemplate  # noqa: F401  (part of the config)
from storage.db import DEFAULT_URL

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = ROOT / "config.yml"
COMPLAINT_TYPE_KEYS = (
    "paspor", "izin_tinggal", "perlintasan", "pungli", "perilaku_petugas",
    "pengawasan_wna", "sistem_online", "sarana_prasarana", "informasi", "lainnya",
)
MIN_WEBHOOK_SECRET = 32
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message names the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contacts(_Strict):
    whatsapp: str
    sms: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    twitter: str | None = None
    facebook: str | None = None


class Letterhead(_Strict):
    """The kop surat and letters' defaults: hierarchy lines, addressee, city, number pattern."""

    ministry: str = "Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia"
    directorate: str = "Direktorat Jenderal Imigrasi"
    regional_office: str = "Kantor Wilayah Kalimantan Timur"
    addressee: str | None = None          # default: Kepala <regional_office>
    addressee_place: str = "Tempat"
    city: str = "Tarakan"
    number_pattern: str = "W18.IMI.IMI.3-UM.01.01-{seq:04d}"
    signatory: str | None = None          # the head's full title; default "Kepala " + office name
    tembusan: list[str] = []              # copies to (Tembusan) under the cover letter's signature

    @field_validator("number_pattern")
    @classmethod
    def _formats(cls, value: str) -> str:
        try:
            value.format(seq=1, year=2026, month=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"may use only {{seq}}, {{year}}, {{month}}: {exc}") from None
        if "{seq" not in value:
            raise ValueError("must contain {seq}")
        return value


class Office(_Strict):
    name: str
    short_name: str
    # The short name complainants writing English read ("Kanim" means nothing to them).
    short_name_en: str | None = None
    code: Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")]
    address: str
    timezone: str
    contacts: Contacts
    letterhead: Letterhead = Letterhead()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def short(self, lang: str) -> str:
        """The office's short name in the complainant's language."""
        return self.short_name_en if lang == "en" and self.short_name_en else self.short_name


class Holiday(_Strict):
    date: dt.date
    name: str


class Section(_Strict):
    name: str


class LocalText(_Strict):
    """A text in Bahasa Indonesia and English."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class ComplaintType(_Strict):
    id: str
    en: str
    section: str
    # Asked after the type, optional to answer: e.g. "nomor permohonan paspor".
    reference: LocalText | None = None
    # Asked before the identity ("what do you want to happen?"), with this example.
    outcome_example: LocalText | None = None
    # "Who is it about?" in this type's words, when it is not an officer or a unit (a report
    # about a foreign national): the question, and its hint when the answer is unclear.
    who: LocalText | None = None
    who_explain: LocalText | None = None

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


# Values an information answer may use, filled from the office's configuration.
INFO_FIELDS = ("office", "address", "hours", "closed", "holidays", "whatsapp", "phone", "email",
               "website", "twitter", "facebook")


class InfoTopic(_Strict):
    """One answer of the information menu, found by its keywords (either language)."""

    title: LocalText
    keywords: list[str]
    # Weaker words ("syaratnya", "anak"): they name this topic only when no keyword names one.
    hints: list[str] = []
    # A question naming all these topics gets this answer instead of theirs ("biaya" and
    # "izin_tinggal": a stay permit's fee, not the passport fees); the topic may be one of them
    # (`lama_izin_tinggal` for "izin_tinggal" and "paspor_status": how long a KITAS takes is
    # neither a passport's status nor the stay permits' general text).
    when_both: list[str] = []
    # Words that keep `when_both`'s topics answered each in its own right: "PLB dan paspor saya
    # hilang" lost both, so it gets the lost PLB's answer and the lost passport's.
    apart_if: list[str] = []
    # In the information menu's numbered list (false: found by the question only).
    listed: bool = True
    # Never a complaint here (a Malaysian work permit): a question naming it is answered
    # however it is told, up to `info.LONG_QUESTION_WORDS` words, never referred elsewhere.
    question_only: bool = False
    answer: LocalText

    @field_validator("answer")
    @classmethod
    def _known_fields(cls, value: LocalText) -> LocalText:
        blank = dict.fromkeys(INFO_FIELDS, "")
        for text in (value.id, value.en):
            try:
                text.format(**blank)
            except (KeyError, IndexError, ValueError) as exc:
                names = ", ".join("{" + name + "}" for name in INFO_FIELDS)
                raise ValueError(f"may use only {names}: {exc}") from None
        return value


class Informasi(_Strict):
    topics: Annotated[dict[str, InfoTopic], Field(min_length=1)]

    @model_validator(mode="after")
    def _combined_topics_exist(self) -> "Informasi":
        for key, topic in self.topics.items():
            unknown = [k for k in topic.when_both if k not in self.topics]
            if unknown:
                raise ValueError(f"topics.{key}.when_both: unknown topics {unknown}")
        return self


class Referral(_Strict):
    """Where to go with something an immigration office does not handle."""

    name: LocalText
    contact: LocalText
    keywords: list[str] = []
    # Asked about with one of these words, it is our service after all ("bisa bayar di bank
    # mana?" pays our fee): no referral to this agency for a question (a story still gets it).
    apart_if: list[str] = []


class OfficeReferral(_Strict):
    """Another immigration office and the places it serves: a story naming them (Tunon Taka,
    Nunukan's seaport) is asked whether it is ours, and may still be filed here."""

    name: LocalText                     # "Kantor Imigrasi Nunukan"
    area: LocalText                     # what the story named, as the question says it
    # Places that are surely that office's ("tunon taka"); a town alone is not enough ("sy
    # kerja jauh dr nunukan ke kantor tarakan" is ours).
    keywords: Annotated[list[str], Field(min_length=1)]
    # Named in the answer to the question ("ke nunukan aja"): it is theirs.
    town: Annotated[str, Field(min_length=1)]
    # How to reach it; without one, "at the office itself, or its official complaint
    # channels" (never a number nobody checked).
    contact: LocalText | None = None

    @field_validator("keywords")
    @classmethod
    def _no_blank(cls, value: list[str]) -> list[str]:
        if any(not k.strip() for k in value):
            raise ValueError("a keyword is blank")
        return value


class Referrals(_Strict):
    lapor: Referral                      # SP4N-LAPOR!: reaches every government agency
    others: dict[str, Referral] = {}     # the city, the police…: chosen by their keywords
    offices: dict[str, OfficeReferral] = {}   # other immigration offices, by their places


class Sop(_Strict):
    time_standards_minutes: dict[str, Annotated[int, Field(gt=0)]]
    # When the daily digest of overdue complaints reaches Kasi Tikkim and the Kepala Kantor
    # (local time, service days only; the first sweep at or after it sends it).
    digest_at: dt.time = dt.time(8, 0)


class Nlu(_Strict):
    url: str
    timeout_seconds: Annotated[float, Field(gt=0, le=10)]
    confidence_threshold: Annotated[float, Field(ge=0, le=1)]


class Files(_Strict):
    """Where kept files live (documents, signed copies, evidence) and how big evidence may be."""

    directory: str = "var/files"          # relative to the project, or absolute
    max_evidence_mb: Annotated[float, Field(gt=0, le=50)] = 16   # WhatsApp's media limit
    download_attempts: Annotated[int, Field(ge=1, le=20)] = 6


class Conversation(_Strict):
    stale_after_hours: Annotated[float, Field(gt=0)]
    bubble_quiet_seconds: Annotated[float, Field(ge=0)]
    # A person talking to the officers: their messages reach the officers in at most this many
    # officers' messages a minute (messages typed meanwhile go together in one).
    officer_relays_per_minute: Annotated[int, Field(ge=1, le=20)] = 3


class StatusLookup(_Strict):
    """Failed ticket/PIN look-ups allowed before a lock, per identity and per ticket."""

    identity_failures: Annotated[int, Field(gt=0, le=100)] = 5
    ticket_failures: Annotated[int, Field(gt=0, le=1000)] = 10
    lock_minutes: Annotated[int, Field(gt=0, le=10080)] = 60


class Flood(_Strict):
    """More than `messages` messages within `seconds` is faster than a person types."""

    messages: Annotated[int, Field(ge=2, le=100)] = 8
    seconds: Annotated[float, Field(gt=0, le=600)] = 10


class Privacy(_Strict):
    status_lookup: StatusLookup = StatusLookup()
    flood: Flood = Flood()
    # Local times (every day) at which the officers' group gets the alerts of sensitive
    # complaints filed since the one before (bot/notify.py: the alert's minute must not point
    # at whoever a petugas was just talking to); the leaders are told at once.
    sensitive_alert_slots: list[dt.time] = [dt.time(h) for h in (8, 10, 12, 14, 16)]

    @field_validator("sensitive_alert_slots", mode="before")
    @classmethod
    def _slots(cls, value: Any) -> Any:
        if not isinstance(value, list) or not value:
            raise ValueError('expected a non-empty list of local times ["HH:MM", ...]')
        for slot in value:
            if not (isinstance(slot, str) and _HHMM.match(slot)):
                raise ValueError(f'expected "HH:MM", got {slot!r}')
        if len(set(value)) != len(value):
            raise ValueError("a time is listed twice")
        return sorted(dt.time.fromisoformat(slot) for slot in value)


class Retention(_Strict):
    """How long personal data is kept (the daily job in the worker applies it)."""

    abandoned_draft_days: Annotated[int, Field(gt=0, le=3650)] = 30
    message_body_days: Annotated[int, Field(gt=0, le=3650)] = 90
    outbox_body_days: Annotated[int, Field(gt=0, le=3650)] = 90
    document_copy_days: Annotated[int, Field(gt=0, le=3650)] = 90
    anonymise_after_months: Annotated[int, Field(gt=0, le=240)] = 24


_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class OfficeConfig(_Strict):
    """The validated contents of config.yml."""

    office: Office
    service_hours: dict[str, tuple[dt.time, dt.time]]
    holidays: list[Holiday] = []
    sections: dict[str, Section]
    complaint_types: dict[str, ComplaintType]
    sensitive_types: list[str]
    sop: Sop
    nlu: Nlu
    conversation: Conversation
    privacy: Privacy = Privacy()
    retention: Retention = Retention()
    informasi: Informasi
    referrals: Referrals
    roster: list[Officer] = []
    files: Files = Files()
    whatsapp_templates: dict[str, WhatsAppTemplate] = {}

    @field_validator("service_hours", mode="before")
    @classmethod
    def _parse_hours(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError("must map weekday (mon..sun) to [open, close]")
        parsed = {}
        for day, span in value.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; use one of {', '.join(WEEKDAYS)}")
            if not (isinstance(span, (list, tuple)) and len(span) == 2
                    and all(isinstance(s, str) and _HHMM.match(s) for s in span)):
                raise ValueError(f"{day}: expected [\"HH:MM\", \"HH:MM\"], got {span!r}")
            start, end = (dt.time.fromisoformat(s) for s in span)
            if start >= end:
                raise ValueError(f"{day}: opening {span[0]} is not before closing {span[1]}")
            parsed[day] = (start, end)
        return parsed

    @model_validator(mode="after")
    def _cross_check(self) -> "OfficeConfig":
        missing = [k for k in COMPLAINT_TYPE_KEYS if k not in self.complaint_types]
        if missing:
            raise ValueError(f"complaint_types: missing {', '.join(missing)}")
        for key, ctype in self.complaint_types.items():
            if ctype.section not in self.sections:
                raise ValueError(f"complaint_types.{key}.section: unknown section {ctype.section!r}")
        for key in self.sensitive_types:
            if key not in self.complaint_types:
                raise ValueError(f"sensitive_types: unknown complaint type {key!r}")
        seen: set[int] = set()
        for i, officer in enumerate(self.roster):
            where = f"roster.{i}"
            if officer.telegram_id in seen:
                raise ValueError(f"{where}.telegram_id: {officer.telegram_id} is listed twice")
            seen.add(officer.telegram_id)
            if officer.role == "seksi" and officer.section not in self.sections:
                raise ValueError(f"{where}.section: role seksi needs a known section "
                                 f"({', '.join(self.sections)}), got {officer.section!r}")
            if officer.role != "seksi" and officer.section is not None:
                raise ValueError(f"{where}.section: only role seksi has a section")
        missing_templates = {"status_update", "officer_reply"} - set(self.whatsapp_templates)
        if self.whatsapp_templates and missing_templates:
            raise ValueError(f"whatsapp_templates: missing {', '.join(sorted(missing_templates))}")
        return self

    def type_keys(self) -> list[str]:
        return list(self.complaint_types)

    def officer(self, telegram_id: int | str | None) -> Officer | None:
        """The roster entry for a Telegram user id, or None for anyone else."""
        return next((o for o in self.roster if str(o.telegram_id) == str(telegram_id)), None)


class Settings(_Strict):
    """Deployment settings and secrets, from the environment."""

    database_url: str
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_whatsapp_from: str | None = None
    twilio_sms_from: str | None = None
    twilio_api_base_url: str | None = None
    public_base_url: str | None = None
    port: Annotated[int, Field(gt=0, lt=65536)] = 8000
    rasa_url: str | None = None
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    # Keys for the complainants' PINs (bot.tickets): one or more, separated by spaces; the
    # first hashes new PINs, all of them verify (keep an old key after a new one).
    pin_key: str | None = None
    telegram_officer_chat_id: int | None = None
    telegram_api_base_url: str | None = None
    telegram_group_per_minute: Annotated[float, Field(gt=0)] = 20
    telegram_chat_per_second: Annotated[float, Field(gt=0)] = 1
    telegram_global_per_second: Annotated[float, Field(gt=0)] = 30
    worker_poll_seconds: Annotated[float, Field(gt=0, le=60)] = 0.2
    worker_lease_seconds: Annotated[float, Field(ge=1, le=3600)] = 60
    worker_max_attempts: Annotated[int, Field(ge=1, le=50)] = 8
    worker_batch: Annotated[int, Field(ge=1, le=500)] = 20
    # A busy chat's next messages are claimed with its head and sent one after another by one
    # task (in order), so a backlog in the officers' group drains without a claim per message.
    worker_chat_run: Annotated[int, Field(ge=1, le=100)] = 10
    http_timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 15
    sweep_interval_seconds: Annotated[float, Field(ge=0, le=3600)] = 60   # 0: no deadline sweep
    files_dir: str | None = None          # overrides config.yml files.directory (tests, deploys)
    db_lock_timeout_seconds: Annotated[float, Field(gt=0, le=60)] = 5     # then a calm "busy"
    worker_urgent_slots: Annotated[int, Field(ge=0, le=100)] = 4   # kept free for officer alerts
    nlu_breaker_seconds: Annotated[float, Field(ge=0, le=3600)] = 30   # NLU not asked after a failure
    # The web chat (handlers/webchat.py): sites allowed to embed it, proxies in front of the app
    # (their X-Forwarded-For tells the client's address), and its flood limits.
    web_embed_origins: str | None = None          # "https://a.go.id https://b.go.id"
    web_trusted_proxies: Annotated[int, Field(ge=0, le=5)] = 0
    web_messages_per_minute: Annotated[int, Field(ge=1, le=600)] = 15     # per browser session
    web_ip_messages_per_minute: Annotated[int, Field(ge=1, le=6000)] = 60  # per client address

    @field_validator("database_url")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql:// URL")
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _strong_secret(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
            raise ValueError("may hold only A-Z, a-z, 0-9, _ and - (at most 256 characters)")
        if len(value) < MIN_WEBHOOK_SECRET:
            raise ValueError(f"too short ({len(value)} characters): use at least "
                             f"{MIN_WEBHOOK_SECRET} random characters, e.g. from "
                             "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`")
        return value

    @field_validator("pin_key")
    @classmethod
    def _strong_keys(cls, value: str | None) -> str | None:
        for key in (value or "").split():
            if len(key) < MIN_WEBHOOK_SECRET:
                raise ValueError(f"a key of {len(key)} characters: use at least "
                                 f"{MIN_WEBHOOK_SECRET} random characters, e.g. from "
                                 "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`")
        return " ".join((value or "").split()) or None

    @property
    def pin_keys(self) -> list[str]:
        return (self.pin_key or "").split()

    @field_validator("web_embed_origins")
    @classmethod
    def _origins(cls, value: str | None) -> str | None:
        for origin in (value or "").split():
            if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", origin):
                raise ValueError(f"{origin!r} is not an origin like https://www.example.go.id")
        return " ".join((value or "").split()) or None

    @field_validator("public_base_url", "telegram_api_base_url", "twilio_api_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") if value else value


ENV_KEYS = {name: name.upper() for name in Settings.model_fields}


class AppConfig:
    """Office configuration and deployment settings, loaded once at start-up."""

    def __init__(self, office: OfficeConfig, settings: Settings):
        self.office_config = office
        self.settings = settings

    @property
    def office(self) -> Office:
        return self.office_config.office

    @property
    def nlu_url(self) -> str:
        return self.settings.rasa_url or self.office_config.nlu.url

    @property
    def files_dir(self) -> Path:
        """The kept-files directory: FILES_DIR, else config.yml's files.directory."""
        path = Path(self.settings.files_dir or self.office_config.files.directory)
        return path if path.is_absolute() else ROOT / path


def default_database_url() -> str:
    return DEFAULT_URL


def _describe(error: ValidationError, source: str, key_names: Mapping[str, str] | None = None) -> str:
    lines = []
    for item in error.errors():
        path = ".".join(str(p) for p in item["loc"] if p not in ("function-after",))
        if key_names:
            path = key_names.get(path, path)
        lines.append(f"{source}: {path or '(top level)'}: {item['msg']}")
    return "\n".join(lines)


def load_office_config(path: Path | str = DEFAULT_CONFIG_PATH) -> OfficeConfig:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return OfficeConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, path.name)) from None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    values = {name: environ[env] for name, env in ENV_KEYS.items() if environ.get(env)}
    values.setdefault("database_url", default_database_url())
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, "environment", ENV_KEYS)) from None


def load_config(path: Path | str | None = None,
                environ: Mapping[str, str] | None = None) -> AppConfig:
    """Load and validate the office's config file and the environment; raise ConfigError
    naming the bad key. The file is `path`, else $ADUAN_CONFIG, else the repository's
    config.yml (one deployment per office, each with its own file)."""
    env = os.environ if environ is None else environ
    chosen = path if path is not None else (env.get("ADUAN_CONFIG") or DEFAULT_CONFIG_PATH)
    return AppConfig(load_office_config(chosen), load_settings(environ))
