"""Generate nlu/data/gen_*.yml from the hand-written sentence banks in nlu/data_src/.

    python nlu/scripts/make_data.py          # rewrites nlu/data/gen_*.yml (deterministic)
    python nlu/scripts/make_data.py --check  # exit 1 if the committed files are stale

Stdlib + PyYAML only (runs in either venv). Everything here was written for this
project; nothing is taken from the evaluation sets (nlu/tests/).

What it produces, per complaint type:
* every bank sentence as written, plus up to two "restyled" copies (chat spelling,
  ALL CAPS, Malay/Tarakan flavour, addressing the admin, emoji, no punctuation);
* slot templates (who / where / what / how it hurts) in Indonesian and English;
* multi-aspect messages: two sentences of different types joined, labelled by the
  priority rule of nlu/README.md (pungli > perilaku_petugas > the service sought >
  sistem_online > sarana_prasarana > informasi), and grievances followed by a question;
* for `lainnya`: the bank, letter-style templates to a mayor/regent/agency, app reviews
  that name another service, and contrast pairs (the same problem at Dukcapil, a bank,
  BPJS... is `lainnya`; at the immigration office it is the immigration type).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from nlu.corrections import render_training_examples  # noqa: E402

SRC = ROOT / "nlu" / "data_src"
OUT = ROOT / "nlu" / "data"
SEED = 20261201

TYPES = ["paspor", "izin_tinggal", "perlintasan", "pungli", "perilaku_petugas",
         "pengawasan_wna", "sistem_online", "sarana_prasarana", "informasi", "lainnya"]
# Multi-aspect priority (the one place it is encoded; documented in nlu/README.md).
PRIORITY = ["pungli", "perilaku_petugas", "paspor", "izin_tinggal", "perlintasan",
            "pengawasan_wna", "sistem_online", "sarana_prasarana", "informasi"]
SERVICE = {"paspor", "izin_tinggal", "perlintasan", "pengawasan_wna"}


def rank(label: str) -> int:
    # the four "service sought" types share one rank: never combined with each other
    return 2 if label in SERVICE else PRIORITY.index(label)


def read_bank(name: str) -> list[str]:
    lines = (SRC / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def read_sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = "misc"
    for ln in (SRC / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        ln = ln.strip()
        if not ln or (ln.startswith("#") and not ln.startswith("##")):
            continue
        if ln.startswith("##"):
            current = ln.lstrip("#").strip().split(":")[0]
            continue
        out.setdefault(current, []).append(ln)
    return out


# -- restyling ---------------------------------------------------------------------

SLANG = {
    "saya": ["sy", "aku", "sya", "gw", "saya"], "tidak": ["gak", "ga", "tdk", "nggak", "ndak", "tak", "gk"],
    "sudah": ["udh", "udah", "sdh", "dah"], "belum": ["blm", "belom", "blom"], "yang": ["yg"],
    "dengan": ["dgn", "sama"], "tolong": ["tlg", "tolonglah"], "sekali": ["bgt", "banget", "sangat"],
    "kenapa": ["knp", "kenapa sih", "napa"], "bagaimana": ["gmn", "gimana", "macam mana"],
    "sampai": ["sampe", "smp"], "padahal": ["pdhl", "padahal kan"], "karena": ["krn", "karna", "soalnya"],
    "bisa": ["bs", "bisa"], "juga": ["jg"], "untuk": ["utk", "buat"], "sekarang": ["skrg", "skrang"],
    "tapi": ["tp", "tpi"], "terus": ["trs", "mulu"], "lagi": ["lg"], "kalau": ["kalo", "klo", "kl"],
    "mau": ["mo", "nak", "mau"], "minggu": ["mgg", "minggu"], "hari": ["hr"], "bulan": ["bln"],
    "jam": ["jam"], "orang": ["org"], "dari": ["dr"], "pagi": ["pg"], "lama": ["lama bgt", "lamaaa"],
    "apa": ["apa"], "ada": ["ada"], "kami": ["kita orang", "kami"], "tahu": ["tau"], "begitu": ["gitu"],
    "seperti": ["kayak", "macam", "kek"], "saja": ["aja", "je"], "memang": ["emang"], "benar": ["bener"],
    "dulu": ["dlu"], "banyak": ["byk"], "pergi": ["pigi"], "datang": ["dtg"],
}
OPENERS = ["min, ", "min ", "halo min, ", "pak, ", "maaf pak, ", "permisi, ", "tolong min ", "izin lapor, ",
           "assalamualaikum, ", "selamat siang, ", "bah, ", "mau komplain nih, ", "min tolong ", "kak, ",
           "Yth. Kantor Imigrasi, ", "@imigrasi_tarakan ", "hello, ", "hi admin, ", "good morning, "]
CLOSERS = [" 🙏", " 😡", " 😭", "!!!", "??", " tolong dibantu", " mohon ditindaklanjuti", " makasih",
           " gimana ini", " parah", " kecewa bgt", " please help", " thx", " bah", " lah", " kah?",
           " capek deh", " ckckck", " hadeh", " tolong min", " mohon solusi", ". terima kasih."]


def slangify(text: str, rng: random.Random, p: float = 0.6) -> str:
    def sub(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if low in SLANG and rng.random() < p:
            rep = rng.choice(SLANG[low])
            return rep.upper() if word.isupper() and len(word) > 1 else rep
        return word
    return re.sub(r"[A-Za-z]+", sub, text)


def restyle(text: str, rng: random.Random) -> str:
    r = rng.random()
    out = text
    if r < 0.45:
        out = slangify(out.lower(), rng)
        out = out.rstrip(".")
    elif r < 0.55:
        out = slangify(out, rng, 0.3).upper()
    elif r < 0.7:
        out = re.sub(r"[.,;:]", "", out.lower())
    elif r < 0.8:
        # shout one or two words
        words = out.split()
        for _ in range(2):
            i = rng.randrange(len(words))
            words[i] = words[i].upper()
        out = " ".join(words)
    else:
        out = slangify(out, rng, 0.35)
    if rng.random() < 0.35:
        out = rng.choice(OPENERS) + (out[0].lower() + out[1:] if out and not out.isupper() else out)
    if rng.random() < 0.35:
        out = out.rstrip(".!? ") + rng.choice(CLOSERS)
    if rng.random() < 0.08:
        # typo: swap two neighbouring letters in one word
        words = out.split()
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4:
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        out = " ".join(words)
    return out


# -- slot vocabularies ---------------------------------------------------------------

IMM_OFFICE = ["kanim tarakan", "kantor imigrasi tarakan", "kantor imigrasi", "kanim", "imigrasi tarakan",
              "kantor imigrasi nunukan", "ULP imigrasi tanjung selor", "kantor imigrasi kelas II TPI Tarakan",
              "imigrasi", "kantor paspor"]
PORTS = ["pelabuhan Malundung", "pelabuhan Tengkayu", "bandara Juwata", "pelabuhan Tunon Taka Nunukan",
         "pos lintas batas Sebatik", "PLBN", "pelabuhan internasional", "bandara", "terminal kapal ke Tawau",
         "pelabuhan Nunukan"]
PRON = ["saya", "sy", "aku", "kami", "gw", "suami saya", "istri saya", "ibu saya", "anak saya", "adik saya"]
WAIT = ["sudah 3 minggu", "udah sebulan", "sejak bulan lalu", "dari tanggal 5", "hampir 2 bulan",
        "lebih dari 10 hari kerja", "udh 20 hari", "sudah lewat janji 4 hari kerja", "seminggu lebih"]

TEMPLATES: dict[str, list[str]] = {
    "paspor": [
        "paspor {pron} {wait} belum jadi, katanya masih {reason}",
        "{pron} sudah foto dan wawancara di {office} {wait} tapi paspornya belum bisa diambil",
        "antrean paspor di {office} {queue}",
        "kuota jadwal paspor di {office} {quota}",
        "permohonan paspor {pron} ditolak karena {docerr}",
        "nama di paspor {pron} {printerr}",
        "paspor {pron} {lostdmg}, pengurusannya {slow}",
        "datang ke {office} jam {hour} pagi, {queue2}",
        "berkas paspor {pron} dikembalikan karena {docerr}, disuruh bolak balik",
        "my passport at the {office_en} {en_wait} and nobody can tell me when it will be ready",
        "kata petugas paspor {pron} {reason2}, disuruh {told}",
        "petugas di {office} bilang {reason2}, jadi {pron} disuruh {told}",
        "{pron} datang jam {hour}, petugas bilang {queue3}",
        "we queued at the {office_en} since {hour}am for a passport and {en_queue}",
    ],
    "izin_tinggal": [
        "perpanjangan {permit} {wna} {wait} belum selesai, {impact}",
        "alih sponsor {permit} {wna} dipersulit, {docreq}",
        "{permit} {wna} habis karena proses perpanjangan lambat, sekarang kena denda overstay",
        "ngurus {permit} {wna} harus bolak balik {visits} kali ke {office}",
        "pengajuan {permit} {wna} ditolak, katanya {docreq}",
        "my {permit_en} renewal {en_wait} and they still hold my passport",
        "the {permit_en} extension for my {rel_en} needed {en_docs} that were not on the list",
        "our {permit_en} application was returned twice because {en_reason}",
    ],
    "perlintasan": [
        "antrean pemeriksaan imigrasi di {port} {bqueue}",
        "paspor {pron} tidak dicap di {port}, {stampimpact}",
        "{pron} ditolak berangkat di {port}, {refuse}",
        "loket imigrasi di {port} {counter}",
        "autogate di {port} {gate}",
        "PLB {pron} ditolak di {port}, {refuse}",
        "pulang dari Tawau lewat {port}, {bqueue}",
        "petugas di {port} bilang {refuse2}, jadi kami {bimpact}",
        "kata petugas pemeriksaan di {port}, {refuse2}",
        "immigration at {port_en} {en_counter}, we {en_impact}",
        "the exit stamp at {port_en} was {en_stamp} and {en_stampimpact}",
    ],
    "pungli": [
        "{broker} di {office} minta {money} supaya {speed}",
        "ada {broker} yang nawarin {speed}, bayar {money}, katanya {inside}",
        "oknum petugas di {port} minta {money} tanpa kuitansi supaya {pass_}",
        "petugas minta {money} tanpa kuitansi biar {speed}",
        "{pron} dimintai {money} sama petugas, tanpa kuitansi, tanpa tanda terima",
        "oknum di {office} narik {money} tanpa karcis tiap {pron} urus berkas",
        "{pron} disuruh bayar {money} ke {broker} biar {permit} {wna} cepat selesai",
        "yang lewat {broker} bisa {shortcut}, yang antre resmi {wait} belum dipanggil",
        "an {broker_en} offered to {en_speed} for {money_en}, he says he {en_inside}",
        "the officer at {port_en} asked for {money_en} in cash, no receipt, to {en_pass}",
    ],
    "perilaku_petugas": [
        "{officer} di {office} {behav}",
        "{officer} di {port} {behav}",
        "{pron} ditanya baik-baik tapi {officer} {behav}",
        "pelayanan lama karena {officer} {lazy}",
        "{officer} {behav}, tolong dievaluasi",
        "the {officer_en} at the {office_en} {en_behav}",
        "the {officer_en} at {port_en} {en_behav}",
    ],
    "pengawasan_wna": [
        "ada {fgn} {fact} di {place}, {suspect}",
        "mau lapor {fgn} di {place} {fact}",
        "{fgn} di {place} {fact}, tolong dicek imigrasi",
        "I want to report {fgn_en} {en_fact} in {place}",
    ],
    "sistem_online": [
        "{immapp} {apperr}",
        "{apperr} di {immapp}, {appimpact}",
        "{immapp} {apperr}, {appimpact}",
        "aplikasinya {apperr}, {appimpact}",
        "{apperr} terus, {appimpact}",
        "the {immapp_en} {en_apperr}",
    ],
    "sarana_prasarana": [
        "{facility} di {office} {facerr}",
        "{facility} di {port} {facerr}",
        "di {office} {facility} {facerr}, {facimpact}",
        "the {facility_en} at the {office_en} {en_facerr}",
    ],
    "informasi": [
        "{qopen} {question}",
        "{question}",
        "{qopen} {question} {qclose}",
        "{en_qopen} {en_question}",
    ],
}

SLOTS: dict[str, list[str]] = {
    "pron": PRON, "wait": WAIT, "office": IMM_OFFICE, "port": PORTS,
    "reason": ["menunggu tanda tangan", "blangko habis", "verifikasi pusat", "printer rusak", "sistem gangguan",
               "proses adjudikasi", "antre cetak"],
    "queue": ["panjang banget, dari subuh sampai siang belum dipanggil", "cuma dibatasi 50 orang sehari",
              "semrawut, nomor dilewati terus", "mengular sampai ke parkiran", "jam 7 pagi nomornya sudah habis"],
    "queue2": ["nomor antrean sudah habis dan disuruh pulang", "dapat nomor 140 dan baru dipanggil sore",
               "katanya kuota hari ini penuh", "ternyata harus antre lagi walau sudah punya jadwal"],
    "quota": ["selalu penuh sampai bulan depan", "dibuka jam 12 malam dan langsung habis",
              "tidak pernah ada, semua tanggal merah", "cuma sedikit padahal pemohon banyak"],
    "docerr": ["nama ibu di akta beda dengan di KK", "tanggal lahir di ijazah beda", "KTP masih domisili lama",
               "fotokopi harus ukuran A4", "surat rekomendasi kurang", "akta lahir terbitan luar negeri"],
    "printerr": ["salah ketik", "kurang satu huruf", "tertukar dengan nama ayah", "tanggal lahirnya salah",
                 "tempat lahirnya salah cetak"],
    "lostdmg": ["hilang di kapal", "rusak kena air", "sobek halamannya", "hilang waktu pindahan",
                "dimakan rayap", "chipnya tidak terbaca"],
    "slow": ["lama dan berbelit", "harus nunggu berbulan-bulan", "kena denda dan ditangguhkan",
             "disuruh bolak balik tanpa kepastian"],
    "hour": ["4", "5", "6", "3", "7"],
    "reason2": ["masih di pusat", "belum ditandatangani kepala kantor", "blangkonya belum datang",
                "datanya perlu dicek ulang", "sistemnya sedang offline", "berkasnya belum diverifikasi"],
    "told": ["menunggu minggu depan", "datang lagi besok", "melengkapi surat dulu", "mengulang dari awal",
             "tunggu kabar lewat SMS"],
    "queue3": ["nomor hari ini sudah habis", "kuotanya penuh sampai bulan depan", "harus datang lebih pagi",
               "jadwal saya tidak terdaftar"],
    "refuse2": ["paspor saya harus diperiksa di ruangan lain", "cap keluarnya belum bisa diberikan",
                "sistem pemeriksaan sedang mati", "PLB tidak berlaku di pos ini", "semua penumpang harus antre ulang"],
    "bimpact": ["tertinggal kapal", "menunggu tiga jam", "batal berangkat", "bermalam di pelabuhan"],
    "office_en": ["Tarakan immigration office", "immigration office", "Nunukan immigration office", "local immigration office"],
    "en_wait": ["has been pending for five weeks", "is still not done after a month", "was due ten days ago"],
    "en_queue": ["at noon they said the quota was full", "were sent home after six hours",
                 "the queue numbers ran out before 8"],
    "permit": ["ITAS", "KITAS", "ITAP", "KITAP", "ITK", "izin tinggal", "visa kunjungan", "EPO"],
    "wna": ["suami saya", "istri saya yang WNA", "karyawan asing kami", "mertua saya", "suami WNA saya",
            "pasangan saya", "dosen asing di kampus kami", "ayah saya yang WN Malaysia"],
    "impact": ["paspornya ditahan jadi tidak bisa pulang ke negaranya", "masa berlakunya habis minggu depan",
               "tiap ditanya disuruh tunggu", "sekarang dia dianggap overstay"],
    "docreq": ["surat sponsor harus diulang", "KTP sponsor beda domisili", "ada syarat baru yang tidak diumumkan",
               "surat nikah harus dilegalisir lagi", "fotonya harus latar merah"],
    "visits": ["tiga", "empat", "lima", "enam"],
    "permit_en": ["KITAS", "ITAS", "KITAP", "retirement visa", "spouse visa", "visa extension", "work permit stay"],
    "rel_en": ["husband", "wife", "employee", "father"],
    "en_docs": ["a new sponsor letter", "eighteen photos on red background", "a police letter",
                "a bank statement and a CV"],
    "en_reason": ["the sponsor letter format changed", "the photos were the wrong size",
                  "my address is in another district"],
    "bqueue": ["panjang sekali, 3 jam berdiri kepanasan", "cuma satu loket yang buka",
               "tidak bergerak, kapal hampir berangkat", "kacau, tidak ada yang mengatur"],
    "stampimpact": ["sampai di Tawau ditahan imigresen", "sekarang dituduh overstay", "disuruh balik lagi"],
    "refuse": ["alasannya tidak jelas", "katanya dokumen kurang padahal lengkap", "namanya mirip orang dicekal",
               "dicurigai mau kerja ilegal"],
    "counter": ["tutup padahal jadwal kapal pagi", "cuma satu yang buka", "baru buka setengah jam sebelum berangkat",
                "sistemnya error dan semua tertahan"],
    "gate": ["mati semua", "tidak bisa baca paspor elektronik", "rusak dan semua dialihkan ke loket manual"],
    "port_en": ["Juwata airport", "the Tarakan ferry terminal", "the Nunukan seaport", "the airport",
                "the border post", "Bali airport", "the arrival hall"],
    "en_counter": ["had only two counters open", "was closed for the long weekend", "took three hours",
                   "had a queue that did not move"],
    "en_impact": ["missed our ferry", "stood for hours with small kids", "missed the connecting flight"],
    "en_stamp": ["forgotten", "dated wrong", "never given"],
    "en_stampimpact": ["I was held on arrival in Tawau", "now they say I overstayed"],
    "broker": ["calo", "ordal", "orang dalam", "biro jasa", "agen", "oknum", "makelar"],
    "money": ["500rb", "1,5jt", "2 juta", "300 ribu", "uang rokok", "amplop", "50 ringgit", "700rb", "1jt"],
    "speed": ["paspor jadi 2 hari", "tidak perlu antre", "berkas langsung diproses", "lolos wawancara",
              "jadwal langsung dapat"],
    "inside": ["kenal orang dalam", "kerja sama dengan petugas", "ada jalur khusus", "pasti lolos"],
    "pass_": ["tidak diperiksa lama", "paspor dicap", "boleh naik kapal", "tidak ditahan"],
    "shortcut": ["langsung masuk lewat pintu samping", "dapat nomor tanpa antre", "selesai dalam sehari"],
    "broker_en": ["agent", "middleman", "fixer", "officer"],
    "en_speed": ["get my passport in one day", "skip the interview", "push my KITAS through this week"],
    "money_en": ["two million rupiah", "fifty dollars", "a 'facilitation fee'", "some extra cash"],
    "en_inside": ["knows someone inside", "works with the officers", "can use a special lane"],
    "en_pass": ["stamp my passport", "let me board", "skip the check"],
    "officer": ["petugas", "petugas loket", "petugas imigrasi", "pegawai imigrasi", "mbak di loket",
                "bapak petugas wawancara", "satpam kantor imigrasi", "petugas pemeriksaan", "petugasnya"],
    "behav": ["jutek banget, ditanya malah nyolot", "membentak ibu-ibu lansia", "main HP terus sambil ngobrol",
              "melempar berkas ke meja", "kasar dan merendahkan", "tidak mau menjawab pertanyaan",
              "marah-marah tanpa alasan", "menyindir pemohon di depan orang banyak", "tidak ada di tempat"],
    "lazy": ["datang terlambat", "istirahat kelamaan", "sibuk main HP", "ngobrol terus", "pulang sebelum jam tutup"],
    "officer_en": ["officer", "staff member", "security guard", "immigration officer", "man at the counter"],
    "en_behav": ["shouted at us", "was rude and sarcastic", "ignored the queue to chat on his phone",
                 "threw my documents back at me", "refused to answer simple questions"],
    "fgn": ["WNA", "orang asing", "beberapa warga asing", "bule", "pekerja asing", "awak kapal asing"],
    "fact": ["kerja tanpa izin", "sudah overstay berbulan-bulan", "pakai visa turis tapi kerja",
             "buka usaha tanpa izin", "tinggal tanpa dokumen", "sering bikin onar"],
    "place": ["kampung kami", "tambak dekat pantai", "proyek tambang", "kebun sawit", "ruko dekat pasar",
              "kos belakang rumah", "hotel dekat pelabuhan", "Tarakan", "Nunukan"],
    "suspect": ["warga curiga", "tolong diperiksa", "sudah lama dibiarkan", "mohon ditindak"],
    "fgn_en": ["a foreigner", "a group of foreigners", "foreign workers"],
    "en_fact": ["working illegally on a tourist visa", "who overstayed months ago", "running a business without permits"],
    "immapp": ["m-paspor", "M-Paspor", "aplikasi m paspor", "aplikasi paspor", "website imigrasi", "aplikasi imigrasi",
               "web evisa", "apk m-paspor", "sistem online imigrasi"],
    "apperr": ["error terus", "gak bisa login", "OTP gak masuk", "request timeout mulu", "force close",
               "gagal upload dokumen", "loading muter-muter", "servernya down", "kode billing tidak muncul",
               "reset password gagal", "verifikasi wajah gagal", "minta update terus", "datanya hilang"],
    "appimpact": ["sudah 3 hari nyoba", "tolong diperbaiki", "gimana mau daftar", "udah uninstall install ulang",
                  "bikin emosi", "mohon solusinya", "jadwal keburu habis"],
    "immapp_en": ["passport app", "immigration website", "eVisa site", "M-Paspor app"],
    "en_apperr": ["keeps crashing on upload", "never sends the OTP", "times out at payment", "logs me out every minute"],
    "facility": ["toilet", "AC ruang tunggu", "parkiran", "kursi tunggu", "papan petunjuk", "mesin antrean",
                 "ruang laktasi", "jalur kursi roda", "layar antrean", "musala"],
    "facerr": ["rusak", "kotor dan bau", "tidak ada", "sempit sekali", "mati dari minggu lalu", "tidak berfungsi"],
    "facimpact": ["lansia terpaksa berdiri", "kami kepanasan", "bingung harus ke mana", "ibu-ibu kesulitan"],
    "facility_en": ["toilet", "waiting room", "parking", "air conditioning", "signage"],
    "en_facerr": ["is broken", "is filthy", "is missing", "is far too small"],
    "qopen": ["min mau tanya,", "permisi, mau nanya", "maaf mau tanya", "halo kak,", "pak izin bertanya",
              "mohon info,", "numpang tanya"],
    "question": ["syarat bikin paspor baru apa aja?", "biaya paspor elektronik berapa?",
                 "kantor imigrasi buka jam berapa?", "bisa bikin paspor di luar domisili KTP?",
                 "cara perpanjang ITAS suami gimana?", "paspor anak perlu bawa apa saja?",
                 "PLB bisa dipakai ke mana saja?", "berapa lama paspor jadi?",
                 "kalau paspor hilang urusnya gimana?", "sabtu buka gak?", "bisa walk in gak?",
                 "apakah perlu rekomendasi untuk paspor PMI?", "layanan percepatan berapa biayanya?"],
    "qclose": ["makasih", "terima kasih", "🙏", "ditunggu infonya"],
    "en_qopen": ["Hi, quick question:", "Hello,", "Could you tell me", "Excuse me,"],
    "en_question": ["what documents do I need to extend my KITAS?", "how much is a visa extension?",
                    "is the office open on Saturday?", "can I renew my passport in Tarakan with a Jakarta ID card?",
                    "how long does a passport take?"],
}


def fill(template: str, rng: random.Random) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(SLOTS[m.group(1)]), template)


# -- out of scope ----------------------------------------------------------------

OOS_OPEN = ["Assalamualaikum wr wb, Yth. Bapak Wali Kota Tarakan,", "Selamat pagi Pak Bupati Nunukan,",
            "Lapor pak lurah,", "Mohon izin melapor,", "Kepada dinas terkait,", "Yth. Ibu Bupati,",
            "Selamat malam admin,", "Pak camat tolong,", "Min,", "Kepada Yth. Kepala Dinas,",
            "Izin menyampaikan keluhan,", "Halo,", "Assalamualaikum,", "Bapak/Ibu yang terhormat,", ""]
OOS_PLACE = ["di RT 12 Kelurahan Sebengkok", "di Jl. Gajah Mada", "depan pasar Tenguyun", "di Kampung Empat",
             "di Juata Laut", "di Nunukan Selatan", "di Sebatik Barat", "di Tanjung Selor", "di Karang Rejo",
             "di Jl. Yos Sudarso", "di gang Mawar", "di perumahan Korpri", "dekat SD 005", "di kecamatan kami"]
OOS_CLOSE = ["Mohon segera ditindaklanjuti.", "Terima kasih.", "Tolong diperhatikan pak 🙏", "Jangan cuma janji.",
             "Kami menunggu respon.", "Sudah lapor berkali-kali tidak ada hasil.", "Mohon bantuannya.",
             "Wassalam.", "", "", "Sudah lama sekali dibiarkan."]
OOS_TOPIC = {
    "jalan": ["jalan berlubang dan tergenang air, sudah banyak yang jatuh", "jalan rusak parah sejak setahun",
              "aspal mengelupas dan berdebu kalau kemarau", "jembatan kayunya lapuk"],
    "lampu": ["lampu jalan mati sudah berbulan-bulan", "penerangan jalan umum padam, gelap dan rawan",
              "lampu merah di simpang rusak"],
    "air": ["air PDAM mati sudah tiga hari", "air PDAM keruh dan bau", "tagihan PDAM naik padahal air jarang mengalir"],
    "listrik": ["listrik PLN padam tiap malam tanpa pemberitahuan", "token listrik tidak masuk padahal sudah bayar",
                "kabel listrik PLN menjuntai ke jalan", "tegangan listrik naik turun, alat elektronik rusak"],
    "sampah": ["sampah tidak diangkut seminggu", "TPS liar di pinggir sungai makin menumpuk",
               "petugas kebersihan membakar sampah di dekat rumah"],
    "pkl": ["pedagang kaki lima menutup trotoar", "parkir liar bikin macet", "tukang parkir memaksa bayar"],
    "sekolah": ["sekolah memungut uang seragam dan perpisahan", "guru honorer belum digaji",
                "PPDB zonasi tidak adil", "anak saya tidak dapat KIP padahal keluarga miskin"],
    "bansos": ["bansos PKH kami tidak cair", "beras bantuan dibagi tidak merata", "BLT desa tidak sampai ke warga miskin",
               "pengajuan bedah rumah tidak ada kabar"],
    "tanah": ["sertifikat tanah di BPN belum selesai dua tahun", "nama di SPPT PBB salah",
              "batas tanah dengan tetangga diserobot"],
    "kerja": ["perusahaan belum membayar gaji dua bulan", "THR tidak dibayar", "di-PHK tanpa pesangon"],
    "dukcapil": ["KTP elektronik belum dicetak", "KK salah nama dan belum diperbaiki dukcapil",
                 "akta kelahiran anak belum jadi", "aplikasi IKD tidak bisa aktivasi"],
    "polisi": ["laporan kehilangan di polsek tidak ditindaklanjuti", "balap liar tiap malam",
               "SKCK di polres lama sekali"],
    "kesehatan": ["puskesmas kehabisan obat", "RSUD menolak pasien BPJS", "BPJS saya nonaktif sendiri",
                  "antrean poli rumah sakit dari subuh"],
    "usaha": ["pabrik membuang limbah ke sungai", "perusahaan menunda upah karyawan", "toko modern buka dekat pasar rakyat",
              "lowongan kerja di pabrik hanya untuk orang luar daerah", "usaha peternakan di tengah permukiman bikin bau"],
    "ketertiban": ["tempat karaoke buka sampai subuh", "warung miras dekat sekolah", "balap liar tiap malam",
                   "pengamen memaksa di lampu merah", "sabung ayam di belakang pasar"],
    "lingkungan": ["banjir tiap hujan karena selokan tersumbat", "pohon tumbang menutup jalan",
                   "bau sampah dari TPA sampai ke rumah", "abrasi pantai menggerus rumah warga"],
}
OTHER_APPS = ["Mobile JKN", "aplikasi JKN", "IKD", "aplikasi IKD dukcapil", "MyPertamina", "BRImo", "Livin Mandiri",
              "BCA mobile", "MyTelkomsel", "aplikasi bank", "PLN Mobile", "SatuSehat", "aplikasi Samsat",
              "DJP online", "aplikasi BPJS", "m-banking", "aplikasi pinjol", "DANA", "aplikasi Gojek"]
OTHER_APP_ERR = ["gak bisa login", "OTP gak masuk", "error terus", "force close setelah update",
                 "saldo terpotong tapi transaksi gagal", "scan barcode gagal terus", "minta update terus",
                 "verifikasi wajah gagal", "loading muter-muter", "antrean dokter tidak bisa diambil",
                 "transfer gagal tapi saldo berkurang", "kuota internet habis cepat banget", "captcha gak muncul"]
APP_ACTIONS = {
    "Mobile JKN": ["ambil antrean faskes", "ubah faskes", "cek status kepesertaan", "cari rujukan"],
    "aplikasi BPJS": ["bayar iuran", "cek tagihan JKN", "daftar peserta baru"],
    "MyPertamina": ["isi BBM di SPBU", "daftar kendaraan", "beli pertalite", "tampilkan QR subsidi"],
    "BRImo": ["transfer", "cek saldo", "bayar tagihan listrik", "top up e-wallet"],
    "Livin Mandiri": ["transfer antarbank", "login", "cek mutasi", "bayar kartu kredit"],
    "BSI Mobile": ["transfer", "aktivasi", "tarik tunai tanpa kartu"],
    "BCA mobile": ["transfer", "bayar QRIS", "cek saldo"],
    "m-banking": ["transfer", "cek saldo", "bayar tagihan", "isi pulsa"],
    "MyTelkomsel": ["beli paket internet", "cek kuota", "tukar poin", "isi pulsa"],
    "aplikasi operator": ["beli kuota", "cek sisa pulsa", "aktifkan paket"],
    "IKD": ["aktivasi identitas digital", "lihat data KK", "scan QR dukcapil"],
    "PLN Mobile": ["beli token listrik", "lapor gangguan listrik", "cek tagihan listrik"],
    "aplikasi Samsat": ["bayar pajak motor", "cek pajak kendaraan"],
    "DANA": ["top up", "transfer ke bank", "bayar di merchant"],
    "SatuSehat": ["lihat sertifikat vaksin", "daftar akun"],
    "aplikasi pinjol": ["bayar cicilan", "ajukan pinjaman"],
    "aplikasi Gojek": ["pesan ojek", "bayar pakai saldo"],
    "DJP online": ["lapor SPT", "reset password EFIN"],
}
APP_REVIEW = ["tiap mau {act} di {app} selalu {err}, {imp}", "{app} makin diupdate makin parah, {act} aja {err}",
              "mau {act} pakai {app} tapi {err}. {imp}", "aplikasi {app} payah, {act} gagal terus",
              "{err} terus pas {act}, {app} tolong diperbaiki", "bintang 1 buat {app}, {act} {err}",
              "{APP} ERROR LAGI, MAU {ACT} GAK BISA", "sejak update {app} gak bisa {act}",
              "can't {act_en} in the {app} app, it {err_en}"]
APP_ERR_SHORT = ["error", "gagal", "loading terus", "keluar sendiri", "muter-muter", "gak bisa", "lemot parah",
                 "minta verifikasi ulang", "kena logout"]
OTHER_APP_IMPACT = ["tolong diperbaiki", "bintang satu", "aplikasi gak guna", "bikin ribet", "kecewa",
                    "gimana mau bayar", "udah berkali-kali", ""]
OTHER_OFFICERS = ["petugas dukcapil", "pegawai kelurahan", "satpam bank", "petugas PLN", "perawat RSUD",
                  "petugas samsat", "polisi di polsek", "petugas KKP", "petugas bea cukai", "kasir SPBU",
                  "petugas BPJS", "guru di sekolah anak saya", "petugas puskesmas", "teller bank",
                  "pegawai kantor desa", "satpol PP"]
OTHER_QUEUES = ["dukcapil", "kantor samsat", "RSUD", "puskesmas", "bank", "SPBU", "kantor BPJS", "kantor pajak",
                "kantor pos", "kelurahan", "polres buat SKCK"]
OTHER_PAYERS = ["sekolah", "tukang parkir", "oknum polisi lalu lintas", "pegawai kelurahan", "ketua RT",
                "petugas dukcapil", "panitia PPDB", "oknum dishub", "preman pasar"]
OTHER_QUESTIONS = ["syarat bikin KTP baru apa saja?", "cara daftar BPJS mandiri gimana?",
                   "jam buka samsat hari sabtu?", "bagaimana cara urus akta kelahiran?",
                   "bagaimana cara daftar MyPertamina?", "kalau kartu ATM hilang urusnya gimana?",
                   "cara bikin SKCK online?", "kapan bansos cair?", "bagaimana cara pasang listrik baru?",
                   "rute kapal ke Tawau jam berapa saja?", "harga tiket pesawat ke Balikpapan berapa?",
                   "vaksin meningitis untuk umroh di mana?", "cara balik nama sertifikat tanah?"]
EN_OOS = ["the {x} near my house {y} and the city does nothing", "my {app} {err}, please fix it",
          "the staff at the {place} were rude to my mother", "I paid my {bill} but {y2}"]
EN_SLOTS = {"x": ["road", "street light", "drain", "bridge"], "y": ["has been broken for months", "is flooded every time it rains"],
            "app": ["banking app", "JKN app", "Telkomsel app", "MyPertamina app"],
            "err": ["keeps crashing", "took my money and failed", "never sends the code"],
            "place": ["hospital", "bank", "Dukcapil office", "police station", "tax office"],
            "bill": ["electricity bill", "water bill", "phone bill", "BPJS contribution"],
            "y2": ["the service is still cut off", "it still shows unpaid"]}


def app_review(rng: random.Random) -> str:
    app = rng.choice(list(APP_ACTIONS))
    act = rng.choice(APP_ACTIONS[app])
    t = rng.choice(APP_REVIEW)
    return (t.replace("{APP}", app.upper()).replace("{ACT}", act.upper()).replace("{app}", app)
            .replace("{act}", act).replace("{err}", rng.choice(APP_ERR_SHORT))
            .replace("{imp}", rng.choice(OTHER_APP_IMPACT) or "kecewa")
            .replace("{act_en}", rng.choice(["pay", "log in", "transfer money", "top up", "register"]))
            .replace("{err_en}", rng.choice(["keeps crashing", "never loads", "logs me out"])))


# Contrast twins: the same complaint about another service is `lainnya`, about the
# immigration office (or naming no service at all: the bot belongs to the immigration
# office) it is the immigration type. Teaches the model that the *service named* decides.
CONTRAST = [
    # (template, immigration label, immigration fillers, other-service fillers)
    ("antre {svc} dari subuh, jam sepuluh baru dipanggil", "paspor",
     ["di kanim", "di kantor imigrasi", "di loket paspor", ""],
     ["di dukcapil", "di samsat", "di RSUD", "di kantor BPJS", "di bank BRI", "di kantor pajak"]),
    ("{svc} nomor antreannya sudah habis jam delapan, disuruh datang besok subuh", "paspor",
     ["di kantor imigrasi", "di kanim", "untuk wawancara paspor", ""], ["di kantor capil", "di puskesmas", "di samsat", "di poli RSUD"]),
    ("sudah sebulan {svc} belum jadi juga, tiap ditanya disuruh sabar", "paspor",
     ["paspor saya", "paspor anak saya", "e-paspor saya"], ["KTP saya", "akta kelahiran anak", "sertifikat tanah", "SIM saya", "kartu ATM baru"]),
    ("aplikasi {svc} error terus, login gagal, OTP gak masuk", "sistem_online",
     ["m-paspor", "M-Paspor", "imigrasi", ""], ["JKN", "IKD", "MyPertamina", "BRImo", "Livin", "MyTelkomsel", "PLN Mobile", "BSI"]),
    ("{svc} gak bisa dibuka sejak update, tolong diperbaiki", "sistem_online",
     ["aplikasinya", "apk m-paspor", "web imigrasi", "aplikasi paspor"], ["aplikasi JKN", "aplikasi bank", "MyPertamina", "aplikasi Samsat", "aplikasi IKD"]),
    ("petugas {svc} jutek banget, ditanya baik-baik malah membentak", "perilaku_petugas",
     ["imigrasi", "di loket paspor", "pemeriksaan pelabuhan", "di kanim", ""], ["dukcapil", "puskesmas", "bank", "samsat", "kelurahan", "SPBU", "BPJS"]),
    ("{svc} minta uang tambahan 200 ribu tanpa kuitansi biar urusan cepat", "pungli",
     ["petugas", "petugasnya", "oknum petugas", "petugas imigrasi", "oknum di kanim", "orang dalam kantor imigrasi", "calo paspor"],
     ["pegawai kelurahan", "oknum samsat", "petugas dukcapil", "guru sekolah", "oknum polisi"]),
    ("ada calo {svc} di depan kantor, nawarin jalur cepat bayar sejuta", "pungli",
     ["paspor", "imigrasi", ""], ["SIM", "tiket kapal", "KTP", "sertifikat tanah"]),
    ("toilet {svc} kotor sekali dan airnya mati", "sarana_prasarana",
     ["kantor imigrasi", "di kanim", "ruang tunggu paspor", ""], ["puskesmas", "terminal bus", "pasar", "sekolah", "kantor desa"]),
    ("parkiran {svc} penuh, motor sampai ke jalan", "sarana_prasarana",
     ["kantor imigrasi", "kanim", ""], ["RSUD", "mal pelayanan publik", "pasar", "bank"]),
    ("mau tanya syarat {svc} apa saja?", "informasi",
     ["bikin paspor", "perpanjang ITAS", "bikin PLB", "paspor anak", "perpanjang paspor"],
     ["bikin KTP", "bikin SIM", "daftar BPJS", "buka rekening", "bikin SKCK", "urus akta kelahiran", "pasang listrik"]),
    ("jam buka {svc} hari sabtu jam berapa ya?", "informasi",
     ["kantor imigrasi", "kanim", "layanan paspor"], ["samsat", "dukcapil", "kantor pos", "puskesmas", "bank"]),
    ("antrean di {svc} panjang sekali, satu jam tidak bergerak", "perlintasan",
     ["pemeriksaan imigrasi pelabuhan", "loket cap paspor", "imigrasi bandara", "autogate"],
     ["loket tiket kapal", "check-in maskapai", "pemeriksaan bea cukai", "loket KKP", "imigresen Tawau"]),
    ("{svc} menolak kami berangkat padahal dokumen lengkap", "perlintasan",
     ["petugas imigrasi bandara", "imigrasi pelabuhan", "pemeriksa paspor"], ["maskapai", "agen kapal", "travel umrah", "petugas KKP"]),
]


# App reviews: the same generic problem; naming nothing or the immigration app/service
# makes it `sistem_online`, a service-specific action or name makes it `lainnya`.
GENERIC_APP_PROBLEMS = [
    "login gagal terus", "OTP tidak pernah masuk", "aplikasi tertutup sendiri", "loading muter-muter tidak selesai",
    "muncul tulisan coba lagi nanti", "disuruh update terus tidak bisa dilewati", "captcha tidak muncul",
    "verifikasi wajah gagal", "data yang sudah benar ditolak", "akun harus daftar ulang", "lupa kata sandi tidak bisa reset",
    "layar putih saja", "kena logout tiap pindah halaman", "tombol kirim tidak berfungsi", "error tanpa keterangan",
    "foto KTP disuruh ulang terus", "tidak bisa dibuka sejak update", "berat dan lemot sekali", "gagal terus padahal sinyal bagus",
    "nomor HP tidak bisa diganti",
]
IMM_ACTS = ["daftar paspor", "pilih jadwal paspor", "bayar PNBP paspor", "upload dokumen paspor", "ajukan e-visa",
            "perpanjang ITAS online", "isi formulir paspor", "cek status permohonan paspor", "daftar akun m-paspor"]
APP_REVIEW_TWINS = ["mau {act} tapi {gp}", "{gp} pas {act}", "tiap {act} selalu {gp}, tolong diperbaiki",
                    "aplikasi ini payah, mau {act} {gp}", "{gp}. {act} jadi gak bisa. kecewa", "ini gimana, {act} {gp}"]


def app_review_twins(rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = []
    other_acts = [a for acts in APP_ACTIONS.values() for a in acts] + [
        "transfer", "tf ke rekening lain", "cek saldo", "lihat mutasi rekening", "bayar tagihan", "isi BBM",
        "daftar kendaraan", "ambil antrean dokter", "cari rujukan faskes", "bayar iuran BPJS", "beli token listrik",
        "beli paket data", "cetak KK", "aktivasi KTP digital", "bayar pajak kendaraan", "top up saldo"]
    for _ in range(n):
        gp = rng.choice(GENERIC_APP_PROBLEMS)
        r = rng.random()
        if r < 0.25:
            text, lab = gp[0].upper() + gp[1:], "sistem_online"  # names nothing: the immigration app
        elif r < 0.5:
            text, lab = rng.choice(APP_REVIEW_TWINS).format(act=rng.choice(IMM_ACTS), gp=gp), "sistem_online"
        else:
            text, lab = rng.choice(APP_REVIEW_TWINS).format(act=rng.choice(other_acts), gp=gp), "lainnya"
        out.append((lab, restyle(text, rng) if rng.random() < 0.5 else text))
    return out


# Narratives that name no service at all. Sent to the immigration office's bot they are
# about the immigration office: waiting for a passport (office words) or at a crossing
# (travel words), officers, facilities. Written as loose chat and blog fragments.
CUELESS = {
    "paspor": (["{t}, {crowd}. {feel}", "{crowd}, padahal {t}. {feel}", "{feel} {t}, {crowd}, {office_w}"],
               {"office_w": ["nomor antrean saya masih jauh", "berkas saya belum dipanggil", "foto saja belum",
                             "wawancaranya entah kapan", "katanya kuota hari ini habis", "disuruh balik besok",
                             "nomor saya dilewati"]}),
    "perlintasan": (["{t}, {crowd}. {travel_w}", "{travel_w}. {crowd}. {feel}", "{feel} {crowd}, {travel_w}"],
                    {"travel_w": ["kapal sudah mau berangkat", "pesawat hampir boarding", "baru turun dari kapal",
                                  "mau balik ke Tawau", "belum dicap juga", "penerbangan lanjutan terlewat",
                                  "rombongan kami tertahan di pintu keluar", "tiket kapal hangus"]}),
    "perilaku_petugas": (["{t}, {staff_w}. {feel}", "{feel} {staff_w}", "{crowd}, {staff_w}"],
                         {"staff_w": ["petugasnya malah ngobrol dan main HP", "yang jaga loket cuma satu dan dia cemberut",
                                      "ditanya malah dibentak", "orang tua dimarahi di depan umum",
                                      "mejanya kosong, orangnya entah ke mana", "jawabannya ketus sekali"]}),
    "sarana_prasarana": (["{t}, {fac_w}. {feel}", "{crowd}, {fac_w}"],
                         {"fac_w": ["kursinya tidak cukup", "AC mati dan pengap", "toiletnya jorok", "tidak ada papan petunjuk",
                                    "parkirnya penuh", "tidak ada tempat berteduh"]}),
}
CUELESS_SHARED = {
    "t": ["dari jam tiga sore sampai sekarang", "sudah dua jam lebih", "dari subuh", "sejak pagi tadi",
          "dari jam enam", "hampir setengah hari", "tiga jam berdiri"],
    "crowd": ["antrenya panjang sekali", "ramai sangat", "berdesak-desakan", "barisan tidak bergerak",
              "penuh sesak", "panas sekali di dalam", "orang menumpuk sampai pintu"],
    "feel": ["Capek.", "Kapok.", "Tak tahu lah.", "Keterlaluan.", "Parah.", "Sabar sampai kapan?", "Hadeh.",
             "Nggak manusiawi.", "Kecewa berat.", "Lelah hati."],
}


def cueless(rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = []
    for _ in range(n):
        label = rng.choice(list(CUELESS))
        templates, slots = CUELESS[label]
        vocab = {**CUELESS_SHARED, **slots}
        text = re.sub(r"\{(\w+)\}", lambda m: rng.choice(vocab[m.group(1)]), rng.choice(templates))
        text = text[0].upper() + text[1:]
        out.append((label, restyle(text, rng) if rng.random() < 0.5 else text))
    return out


def contrast_twins(rng: random.Random, n: int) -> list[tuple[str, str]]:
    out = []
    for _ in range(n):
        tmpl, label, imm, other = rng.choice(CONTRAST)
        if rng.random() < 0.5:
            svc, lab = rng.choice(imm), label
        else:
            svc, lab = rng.choice(other), "lainnya"
        text = " ".join(tmpl.replace("{svc}", svc).split())
        out.append((lab, restyle(text, rng) if rng.random() < 0.6 else text))
    return out


def oos_generated(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    topics = list(OOS_TOPIC)
    for i in range(n):
        kind = i % 8
        if kind in (0, 1, 2):
            t = rng.choice(topics)
            body = rng.choice(OOS_TOPIC[t])
            s = " ".join(x for x in [rng.choice(OOS_OPEN), body, rng.choice(OOS_PLACE) + ".", rng.choice(OOS_CLOSE)] if x)
        elif kind == 3 and i % 16 < 8:
            s = app_review(rng)
        elif kind == 3:
            app = rng.choice(OTHER_APPS)
            s = rng.choice([f"{app} {rng.choice(OTHER_APP_ERR)}, {rng.choice(OTHER_APP_IMPACT)}",
                            f"{rng.choice(OTHER_APP_ERR)} di {app}, {rng.choice(OTHER_APP_IMPACT)}",
                            f"aplikasi {app} ini {rng.choice(OTHER_APP_ERR)}"])
        elif kind == 4:
            s = f"{rng.choice(OTHER_OFFICERS)} {rng.choice(SLOTS['behav'])}"
        elif kind == 5:
            s = rng.choice([f"antre di {rng.choice(OTHER_QUEUES)} dari subuh, {rng.choice(['jam 10 baru dipanggil', 'nomornya habis', 'sistemnya offline'])}",
                            f"{rng.choice(OTHER_PAYERS)} minta uang {rng.choice(SLOTS['money'])} tanpa kuitansi"])
        elif kind == 6:
            s = f"{rng.choice(SLOTS['qopen'])} {rng.choice(OTHER_QUESTIONS)}"
        else:
            s = re.sub(r"\{(\w+)\}", lambda m: rng.choice(EN_SLOTS[m.group(1)]), rng.choice(EN_OOS))
        out.append(s.strip())
    return out


# -- assembly ----------------------------------------------------------------------

def build(rng: random.Random) -> dict[str, list[str]]:
    banks = {t: read_bank(t) for t in TYPES if t != "lainnya"}
    oos_sections = read_sections("lainnya")
    banks["lainnya"] = [s for v in oos_sections.values() for s in v]
    data: dict[str, list[str]] = {t: [] for t in TYPES}

    # 1. bank sentences + restyled copies
    for t, sents in banks.items():
        for s in sents:
            data[t].append(s)
            for _ in range(2):
                data[t].append(restyle(s, rng))

    # 2. templates
    per_type = {"paspor": 110, "izin_tinggal": 90, "perlintasan": 100, "pungli": 90, "perilaku_petugas": 90,
                "pengawasan_wna": 70, "sistem_online": 110, "sarana_prasarana": 70, "informasi": 70}
    for t, n in per_type.items():
        for _ in range(n):
            s = fill(rng.choice(TEMPLATES[t]), rng)
            data[t].append(restyle(s, rng) if rng.random() < 0.5 else s)

    # 3. multi-aspect: two sentences of different rank, labelled by priority
    imm = [t for t in TYPES if t != "lainnya"]
    for _ in range(260):
        a, b = rng.sample(imm, 2)
        if rank(a) == rank(b):
            continue
        win = a if rank(a) < rank(b) else b
        sa, sb = rng.choice(banks[a]), rng.choice(banks[b])
        if b == "informasi" or a == "informasi":
            # a grievance followed by a question
            g, q = (sa, sb) if b == "informasi" else (sb, sa)
            text = f"{g} {rng.choice(['Terus', 'Jadi', 'Mau tanya juga,', 'Btw', 'Sekalian tanya,'])} {q[0].lower() + q[1:]}"
        else:
            text = f"{sa} {rng.choice(['', 'Selain itu', 'Belum lagi', 'Ditambah', 'Sudah begitu', 'Also,', 'Dan'])} {sb}".replace("  ", " ")
        data[win].append(restyle(text, rng) if rng.random() < 0.3 else text)

    # 4. out of scope: letters, reviews naming the service, contrast pairs, English
    for s in oos_generated(rng, 1000):
        data["lainnya"].append(app_review(rng)) if rng.random() < 0.25 else None
        data["lainnya"].append(restyle(s, rng) if rng.random() < 0.4 else s)
    # 5. contrast twins (both sides)
    for lab, text in contrast_twins(rng, 700) + app_review_twins(rng, 500) + cueless(rng, 150):
        data[lab].append(text)
    # 6. longer narratives: two or three bank sentences of the same type joined, as in a
    #    blog post, a letter or a long chat (real messages are often several sentences).
    #    Own generator, so adding it left the examples above unchanged.
    nrng = random.Random(SEED + 6)
    for t, sents in banks.items():
        for _ in range(NARRATIVES.get(t, 40)):
            k = min(len(sents), nrng.choice([2, 2, 3]))
            text = " ".join(nrng.sample(sents, k))
            data[t].append(restyle(text, nrng) if nrng.random() < 0.25 else text)
    # 7. mixed agencies (own generator): an immigration grievance told with another
    #    agency or business as mere context is the immigration type (the office can act on
    #    its part); another agency's grievance told with the immigration part going fine is
    #    `lainnya` (nothing for the office to act on).
    mrng = random.Random(SEED + 7)
    travel = [s for name, v in oos_sections.items() for s in v
              if re.search(r"travel|airline|KKP|port health|Malaysia|customs|agents", name, re.I)]
    for _ in range(MIXED_IMM):
        t = mrng.choice(["perlintasan", "perlintasan", "paspor", "izin_tinggal", "perilaku_petugas", "pungli"])
        ctx, sent = mrng.choice(OTHER_CONTEXT), mrng.choice(banks[t])
        text = f"{ctx} {sent}" if mrng.random() < 0.6 else f"{sent} {ctx}"
        data[t].append(restyle(text, mrng) if mrng.random() < 0.25 else text)
    for _ in range(MIXED_OOS):
        ctx, sent = mrng.choice(IMM_FINE), mrng.choice(travel)
        text = f"{ctx} {sent}" if mrng.random() < 0.5 else f"{sent} {ctx}"
        data["lainnya"].append(restyle(text, mrng) if mrng.random() < 0.25 else text)
    return data


# step 7 of build: context sentences naming another agency or business without a grievance,
# and immigration context that went fine
MIXED_IMM, MIXED_OOS = 260, 160
OTHER_CONTEXT = [
    "Tiket pesawat sudah kami beli jauh hari.", "Kami sudah check-in di konter maskapai dan bagasi sudah masuk.",
    "Sertifikat vaksin dari KKP sudah lengkap.", "Semua dokumen sudah disiapkan travel umroh kami.",
    "Barang bawaan sudah lolos pemeriksaan bea cukai.", "Kapal sudah sandar dan penumpang mulai turun.",
    "Surat izin dari kantor tempat saya bekerja sudah ada.", "KTP dan KK sudah diperbarui di dukcapil.",
    "Kami naik speedboat pagi dari Tawau.", "Pesawat kami mendarat tepat waktu.", "Ferinya berangkat jam delapan.",
    "Tiket kapal sudah di tangan sejak kemarin.", "Hotel sudah dibayar lunas.", "Majikan di Malaysia sudah menunggu.",
    "Agen perjalanan sudah mengatur jadwal kami.", "Jemputan dari hotel sudah menunggu di luar.",
    "Our flight landed on time.", "The airline check-in was quick.", "The ferry left Tawau on schedule.",
    "Customs was fine.", "We had our boarding passes already.", "The taxi driver was waiting outside.",
    "Dari rumah sakit saya sudah membawa surat keterangan sehat.", "Bank sudah mengeluarkan surat referensi.",
]
IMM_FINE = [
    "Paspor kami sudah jadi dan visanya sudah keluar.", "Urusan di imigrasi lancar saja.",
    "Pemeriksaan paspor di imigrasi cepat, tidak ada masalah.", "Padahal paspor dan visa sudah siap semua.",
    "Petugas imigrasi sudah mengecap paspor kami tanpa masalah.", "Immigration was quick and friendly.",
    "Our passports and visas were all in order.", "Paspor sudah lama kami urus dan sudah di tangan.",
]


# same-type narratives per type (step 6 of build)
NARRATIVES = {"lainnya": 400, "informasi": 60, "paspor": 120, "perlintasan": 120, "izin_tinggal": 90, "pungli": 90, "perilaku_petugas": 90, "sistem_online": 90, "pengawasan_wna": 60, "sarana_prasarana": 60}


def render(data: dict[str, list[str]]) -> dict[str, str]:
    files = {}
    groups = {"gen_immigration.yml": [t for t in TYPES if t != "lainnya"], "gen_lainnya.yml": ["lainnya"]}
    for name, types in groups.items():
        rows = [(t, s) for t in types for s in data[t]]
        header = ("# GENERATED by nlu/scripts/make_data.py from nlu/data_src/*.txt: edit those, then re-run.\n")
        files[name] = header + render_training_examples(rows)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    rng = random.Random(SEED)
    files = render(build(rng))
    stale = []
    for name, text in files.items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            n = text.count("\n    - ") + text.count("\n  - ")
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print("stale: " + ", ".join(stale) + " (run python nlu/scripts/make_data.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
