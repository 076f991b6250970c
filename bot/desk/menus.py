"""The officers' commands per role: `/bantuan` and the Telegram command menus come from here.

One catalogue: each command with its menu line, its usage, who may use it and where (the group,
private chats, or both). `/bantuan` shows an officer what their role does in the SOP and only
their commands, headed by their role, and `/bantuan PERINTAH` explains one command; the menu of
the group lists what works there, and each rostered officer's private chat gets their role's
own menu (set at start-up, bot.desk.menus -> handlers).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.desk.requests import COMMANDS
from bot.rich import Rich
from bot.sop.workflow import ROLE_LABEL, Role

if TYPE_CHECKING:
    from bot.config import OfficeConfig, Officer

ALL = frozenset(Role)
FRONT = frozenset({Role.PETUGAS, Role.KASI_TIKKIM, Role.KEPALA_KANTOR})
LEADERS = frozenset({Role.KASI_TIKKIM, Role.KEPALA_KANTOR})
REPORTING = frozenset(Role) - {Role.SEKSI}
GROUP, PRIVATE, BOTH = "group", "private", "both"


@dataclass(frozen=True)
class Command:
    name: str
    menu: str            # the menu line (3-256 characters)
    usage: str           # how to type it
    roles: frozenset[Role] = ALL
    where: str = BOTH
    # the menu line the leaders read, where their rule differs from the petugas'
    leaders: str = ""

    def menu_for(self, role: Role) -> str:
        """The menu line an officer of `role` reads."""
        return self.leaders if self.leaders and role in LEADERS else self.menu


CATALOGUE: tuple[Command, ...] = (
    Command("aduan", "Pengaduan terbuka: jumlah, yang terlambat, per seksi dan per orang",
            "/aduan (semua), /aduan terlambat"),
    Command("saya", "Langkah yang menunggu Anda", "/saya"),
    Command("lihat", "Satu pengaduan dengan riwayatnya", "/lihat TIKET"),
    Command("tahap", "Langkah SOP berikutnya (atau tombol di bawah pesannya)",
            "/tahap TIKET [benar | tidak benar NOMOR-BAP TANGGAL-BAP | pembinaan | hukuman | "
            "polisi | imbauan | perbaikan layanan] catatan"),
    # a leader takes a step only where he stands in for the petugas (bot.desk.acts.check_takes)
    Command("ambil", "Ambil (tangani) pengaduan; diambil orang lain: /ambil TIKET alih",
            "/ambil TIKET", FRONT,
            leaders="Ambil alih langkah petugas saat Anda menggantikannya (bukan langkah lain); "
                    "diambil orang lain: /ambil TIKET alih"),
    Command("jenis", "Koreksi jenis pengaduan", "/jenis TIKET jenis", FRONT),
    Command("teruskan", "Teruskan ke seksi terkait", "/teruskan TIKET seksi", LEADERS),
    Command("kabar", "Kirim kabar kepada pelapor", "/kabar TIKET teks", FRONT),
    Command("balas", "Balas pelapor (jawabannya kembali ke petugas)", "/balas TIKET teks", FRONT),
    Command("pesan", "Jawab orang yang meminta bicara dengan petugas (kode T- atau R- di "
            "pesan permintaannya)",
            "/pesan T-NOMOR|R-NOMOR teks", FRONT),
    Command("tutup", "Permintaan bicara dengan petugas selesai",
            "/tutup T-NOMOR|R-NOMOR|TIKET", FRONT),
    Command("permintaan", "Permintaan bicara dengan petugas yang masih terbuka",
            "/permintaan", FRONT),
    Command("dokumen", "Surat pengantar dan laporan pengaduan (DOCX, PDF)", "/dokumen TIKET"),
    Command("bukti", "Bukti dari pelapor (dikirim ke chat pribadi)",
            "/bukti TIKET, atau /bukti T-NOMOR|R-NOMOR (lampiran orang yang meminta bicara)"),
    Command("identitas", "Identitas pelapor yang dirahasiakan", "/identitas TIKET", LEADERS,
            PRIVATE),
    Command("kecualikan", "Jauhkan petugas dari pengaduan (konflik kepentingan)",
            "/kecualikan TIKET ID_ATAU_NAMA alasan", LEADERS, PRIVATE),
    Command("pinbaru", "PIN baru untuk pelapor (setelah identitasnya diverifikasi)",
            "/pinbaru TIKET", LEADERS, PRIVATE),
    Command("rekap", "Rekap bulanan untuk Kanwil (XLSX, CSV, grafik)", "/rekap [TTTT-BB]",
            REPORTING),
    Command("inventaris", "Register (inventaris) semua pengaduan, atau sebulan",
            "/inventaris [TTTT-BB]", REPORTING),
    Command("datapribadi", "Semua data seorang pelapor (JSON dan PDF)",
            "/datapribadi TIKET|R-NOMOR|NOMOR", frozenset({Role.KASI_TIKKIM}), PRIVATE),
    Command("hapusdata", "Hapus data pribadi seorang pelapor",
            "/hapusdata TIKET|R-NOMOR|NOMOR alasan", frozenset({Role.KASI_TIKKIM}), PRIVATE),
    Command("catat", "Catat pengaduan dari telepon, e-mail, LAPOR!, dll.; koreksi isiannya",
            "/catat [TIKET bidang nilai]", FRONT, PRIVATE),
    Command("kembalikan", "Kembalikan draf laporan ke penyusun untuk diperbaiki",
            "/kembalikan TIKET apa yang perlu diperbaiki", LEADERS),
    Command("cabut", "Cabut pengaduan atas permintaan pelapor (sebelum langkah 9)",
            "/cabut TIKET alasan · /cabut TIKET lewat telepon: alasan (batalkan dalam 24 jam: "
            "/cabut TIKET batal)", LEADERS),
    Command("plh", "Kepala Kantor berhalangan: tunjuk wakil penanda tangan", "/plh NAMA",
            LEADERS),
    Command("kembali", "Kepala Kantor kembali bertugas", "/kembali", LEADERS),
    Command("batal", "Batalkan dialog yang sedang berjalan", "/batal", ALL, PRIVATE),
    Command("bantuan", "Daftar perintah untuk peran Anda; satu perintah dijelaskan",
            "/bantuan [PERINTAH]"),
)

DUTIES = {
    Role.PETUGAS: "Langkah 2 (laporkan ke Kasi Tikkim), 9 (kabari pelapor dan Kanwil) dan 10 "
                  "(catat di inventaris).",
    Role.PENYUSUN_LAPORAN: "Langkah 6: susun surat pengantar dan laporan; kirim hasil suntingan "
                           "(DOCX/PDF dengan nomor tiket di keterangan) sebelum paraf.",
    Role.KASI_TIKKIM: "Langkah 3 (telaah dan arahan) dan 7 (paraf laporan); menerima ringkasan "
                      "harian pengaduan terlambat.",
    Role.KEPALA_KANTOR: "Langkah 8 (tanda tangan laporan); menerima ringkasan harian dan "
                        "eskalasi. Berhalangan? /plh NAMA.",
    Role.SEKSI: "Langkah 4 (periksa, BAP, benar/tidak benar) dan 5 (tindak lanjut) untuk "
                "pengaduan yang diteruskan ke seksi Anda.",
}


def commands_for(role: str, where: str) -> list[Command]:
    """The commands an officer of `role` may use in the group or a private chat, each with
    the menu line that role reads (`/bantuan` and the private chat's menu)."""
    return [replace(c, menu=c.menu_for(Role(role))) for c in CATALOGUE
            if Role(role) in c.roles and c.where in (BOTH, where)]


def group_commands() -> list[Command]:
    """The group's menu: every command that works in the group, for any role."""
    return [c for c in CATALOGUE if c.where in (BOTH, GROUP)]


def allowed(role: str, name: str, private: bool) -> bool:
    """Whether an officer of `role` may use the command `name` in a private chat or the
    group (a hint never offers one that would be refused)."""
    return any(c.name == name for c in commands_for(role, PRIVATE if private else GROUP))


WHERE = {GROUP: "hanya di grup petugas", PRIVATE: "hanya di chat pribadi dengan bot",
         BOTH: "di grup petugas dan di chat pribadi dengan bot"}


def explained(topic: str) -> Command | None:
    """The catalogue's command a `/bantuan` argument names ('lihat', '/tahap', 'view')."""
    word = topic.split()[0].lstrip("/").split("@", 1)[0].lower() if topic.split() else ""
    action = COMMANDS.get(word)
    return next((c for c in CATALOGUE
                 if c.name == word or (action and COMMANDS.get(c.name) == action)), None)


def command_help(officer: "Officer", command: Command) -> Rich:
    """`/bantuan PERINTAH`: what the command does, how to type it, who may use it and where;
    said plainly when it is not for the officer's role."""
    rich = Rich().b(f"/{command.name}").t(f" — {command.menu_for(Role(officer.role))}\n")
    rich.b("Cara: ").code(command.usage).nl()
    roles = "semua petugas" if command.roles == ALL else ", ".join(
        ROLE_LABEL[r] for r in Role if r in command.roles)
    rich.line("Untuk", f"{roles}; {WHERE[command.where]}")
    if "TIKET" in command.usage:
        rich.i("Tanpa TIKET: balas (reply) pesan bot tentang pengaduannya, dan nomor "
               "tiketnya diambil dari pesan itu.\n")
    if Role(officer.role) not in command.roles:
        rich.t(f"⛔ Bukan untuk peran Anda ({ROLE_LABEL[Role(officer.role)]}); perintah Anda: "
               "/bantuan")
    return rich


def help_text(config: "OfficeConfig", officer: "Officer", actor_id: str,
              private: bool, topic: str = "") -> Rich:
    """/bantuan for this officer: who they are, their SOP duties, their commands, headed by
    their role; `/bantuan PERINTAH` (`topic`) explains that one command."""
    role = Role(officer.role)
    command = explained(topic)
    if command is not None:
        return command_help(officer, command)
    rich = Rich()
    if topic.strip():
        rich.t(f"⚠️ Perintah “{topic.split()[0]}” tidak dikenal; berikut perintah Anda.\n")
    rich.b(f"Perintah petugas — {ROLE_LABEL[role]}\n")
    where = f", {config.sections[officer.section].name}" if officer.section else ""
    rich.t(f"Anda: {officer.name}, {ROLE_LABEL[role]}{where} (id Telegram {actor_id})\n")
    rich.i(f"{DUTIES[role]}\n\n")
    for command in commands_for(officer.role, PRIVATE if private else GROUP):
        rich.code(command.usage).t(f" — {command.menu}\n")
    rich.nl().t("Tombol di bawah setiap pesan mengikuti langkahnya; balas (reply) pesan bot "
                "untuk memakai nomor tiketnya. Penjelasan satu perintah: /bantuan PERINTAH "
                "(mis. /bantuan lihat).")
    if role in (Role.PENYUSUN_LAPORAN, Role.KASI_TIKKIM):
        rich.t(" Kirim DOCX/PDF dengan nomor tiket di keterangan untuk mengganti draf.")
    return rich
