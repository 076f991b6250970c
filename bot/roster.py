"""The officer roster and the WhatsApp templates of config.yml, validated."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


ROLES = ("petugas", "penyusun_laporan", "kasi_tikkim", "kepala_kantor", "seksi")
TEMPLATE_VARIABLES = {"ticket", "status", "next", "outcome", "text", "office", "pin"}


class Officer(_Strict):
    """One officer on the roster: a Telegram user id and an SOP role."""

    telegram_id: Annotated[int, Field(gt=0)]
    name: Annotated[str, Field(min_length=1, max_length=100)]
    role: str
    section: str | None = None
    nip: Annotated[str | None, Field(pattern=r"^[0-9 ]{8,30}$")] = None   # for signature blocks
    position: Annotated[str | None, Field(max_length=200)] = None   # jabatan, as printed
    # The capacity in which this officer may sign for an absent head of office: "plh" (daily
    # stand-in), "plt" (acting head) or "an" (on behalf of, under their own position).
    deputy_capacity: Literal["an", "plh", "plt"] | None = None

    @field_validator("role")
    @classmethod
    def _known_role(cls, value: str) -> str:
        if value not in ROLES:
            raise ValueError(f"unknown role {value!r}; use one of {', '.join(ROLES)}")
        return value


class WhatsAppTemplate(_Strict):
    """An approved WhatsApp template (Twilio Content API): one content SID per language."""

    content_sid: dict[str, Annotated[str, Field(pattern=r"^HX[0-9a-fA-F]{32}$")]]
    variables: list[str]

    @field_validator("content_sid")
    @classmethod
    def _languages(cls, value: dict[str, str]) -> dict[str, str]:
        if "id" not in value:
            raise ValueError("needs at least the Indonesian ('id') content SID")
        unknown = set(value) - {"id", "en"}
        if unknown:
            raise ValueError(f"unknown language(s) {', '.join(sorted(unknown))}; use id, en")
        return value

    @field_validator("variables")
    @classmethod
    def _known_variables(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in TEMPLATE_VARIABLES]
        if unknown:
            raise ValueError(f"unknown variable(s) {', '.join(unknown)}; use "
                             f"{', '.join(sorted(TEMPLATE_VARIABLES))}")
        return value

    def sid(self, lang: str) -> str:
        return self.content_sid.get(lang) or self.content_sid["id"]
