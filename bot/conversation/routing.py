"""What a free-text message at the menu asks for: rules first, then the model."""
from __future__ import annotations

import datetime as dt
import re

from bot.conversation import deadline, draft, filed, info, intake, officer, scope, status
from bot.conversation.filed import withdraws
from bot.conversation.language import asks_for
from bot.conversation.status import answer_ticket
from bot.conversation.turn import Go, State, Turn
from bot.conversation.understand import (
    PARTICLES,
    asks_if_safe,
    asks_visit,
    grievance,
    is_question,
    menu_wish,
    opens_with_thanks,
    said,
    says_send,
    story_words,
    wish_topic,
    words,
)
from bot.concealed import is_pin_alone
from bot.delicate import delicate
from bot.messages import Reply
from bot.sop.stages import Stage
from bot.tickets import find_pin, find_ticket
from storage.models import Complaint

# A free-text message this long at the menu, about nothing else, starts a complaint's story.
STORY_START_WORDS = 6
# A wish to complain that already tells this many words of the story starts it.
STORY_CONTENT_WORDS = 4
# The model is asked to name a complaint type for messages at least this long.
TYPE_WORDS = 4
# A message the model puts out of scope needs this many words of its own to be sent elsewhere.
PLEA_WORDS = 3
# Asking after a complaint already made: "kapan selesainya?", "sudah sampai mana ya",
# "gimana perkembangannya", "paspor sy gimana", "when will it be done?", "any update?".
# Malay as people in Tarakan write it too: "macam mana" / "camana" (how), "bila" (when), "sudah
# siap ka" (is it ready yet).
_HOW_WORD = r"(gimana|bagaimana|gmn|macam mana|camana|camne|macam mane)"
_PROGRESS = re.compile(
    r"\b((kapan|bila) (selesai|beres|jadi|kelar|siap|diproses|ditindaklanjuti|ada kabar)(nya)?|"
    r"(sudah|sdh|udah|udh|dah)? ?sampai mana|sampe mana|perkembangan(nya)?|kelanjutan(nya)?|"
    r"tindak lanjut(nya)?|" + _HOW_WORD + r" (kabar|hasil|kelanjutan|lanjutan)(nya)?|ada kabar|"
    r"kabarnya|(sy|saya|aku|ku|sya|my) " + _HOW_WORD + r"|" + _HOW_WORD + r" (ya|nih|min|kak)?$|"
    # "jadi gimana bu?", "trus gmn pak": so what now, asked by someone who has complained
    r"^((ok|oke|jadi|jd|jdi|terus|trus|trs|lalu|nah|so) )+" + _HOW_WORD +
    r"( (ya|nih|min|kak|pak|bu|bang|mas|mbak|boss|bos|sekarang|skrg))*$|"
    r"^(sudah|sdh|udah|udh|dah) (siap|selesai|beres|kelar) (ka|kah|ke|belum|blm|blom|lum|ga|gak|"
    r"ke belum|atau belum|ke tak|ke idak)( (min|kak|pak|bu|ya|boss|bos))?$|"
    r"any (update|news|progress)|when will (it|this|my complaint) be|"
    # "kapan sy dapat kabar?", "when will I hear back?"
    r"kapan (saya |sy |aku )?(dapat|dapet|dpt|ada|terima|menerima|dikabari|dihubungi)( \w+)? "
    r"(kabar|kabarnya|balasan|jawaban|tanggapan|hasil|hasilnya)|when (will|do|can) i (hear|get) "
    r"(back|a reply|an answer|news|a response)|how is (it|my complaint) "
    r"going|what is the status|what s the status|is there any news|still waiting)\b")
# The same asked in any word order, about a thing of theirs ("gmn pak paspor anak sy", "paspor
# anak sy gmn ya, sdh ada kabar blm", "how is my passport?")...
_HOW_THEIRS = re.compile(r"\b(gimana|bagaimana|gmn|gmana|bgmn|macam mana|camana|camne|"
                         r"macam mane|kabar|kabarnya|sampai mana|sampe mana|how is|how s|"
                         r"any news)\b")
_THEIRS = re.compile(
    r"\b(paspor|pasport|passport|visa|itas|kitas|itap|kitap|izin tinggal|permit|plb|permohonan|"
    r"berkas|dokumen|urusan|masalah|kasus|pengaduan|laporan|aduan|keluhan|komplain|tiket)(nya)?"
    r"( (anak|istri|suami|ibu|bapak|ayah|mama|papa|adik|kakak|keluarga|ortu))? (sy|saya|aku|"
    r"kami|gue|gw)\b|\bmy (\w+ )?(passport|visa|permit|application|complaint|report|case)\b")
# ... not how a procedure is done ("gmn syarat paspor anak sy")...
_PROCEDURE = re.compile(r"\b(syarat\w*|persyaratan\w*|biaya\w*|tarif|harga\w*|cara\w*|bikin|"
                        r"buat|membuat|urus|ngurus|mengurus|daftar|perpanjang\w*|requirements?|"
                        r"fees?|cost)\b")
# ... or when something told of is put right ("min kapan AC nya dibenerin?").
_FIXED_WHEN = re.compile(
    r"\b(kapan|bila)( \w+){0,4} di(benerin|benarkan|betulin|betulkan|perbaiki|baiki|ganti|"
    r"tindak|tindaklanjuti|tangani|urus|beresin|bereskan|selesaikan|proses|periksa|cek)\b|"
    r"\bwhen (will|is|are|do)( \w+){1,3} (be )?(fixed|repaired|replaced|sorted|dealt with|"
    r"handled)\b")
AFTER_THEIRS_WORDS = 10
# A delay told, not asked ("paspor anak sy sdh 3 minggu blm jd padahal sdh wawancara", "visa
# saya tidak ada kabar"): with a service named, the beginning of a complaint's story.
_DELAY = re.compile(
    r"\b(belum|blm|blom|blum|lum|tidak|tdk|ga|gak|nggak|tak) (juga )?(jadi|jd|jdi|keluar|"
    r"selesai|siap|ada kabar|ada kabarnya|ada info|dipanggil|diproses)\b|"
    r"\b\d+ (hari|hr|minggu|mgg|mg|bulan|bln|weeks?|months?)\b.* (belum|blm|blom|tidak|tdk|"
    r"ga|gak|not|still no)\b")
_SERVICE = re.compile(r"\b(paspor|pasport|passport|visa|itas|kitas|itap|kitap|izin tinggal|"
                      r"permit|plb|permohonan|berkas)\b")
# Asking about one's complaint, however long ago it was made, and whether or not from this
# number ("sy mau tanya kabar pengaduan sy kemarin", "pengaduan sy kemarin gimana", "laporan
# saya sudah sampai mana"): a status request (the status asks for the ticket when none is
# known here). The complaint is named as theirs or as an earlier one, so "pengaduan gimana
# caranya" (how to complain) is not one.
_COMPLAINT_WORD = r"(pengaduan|laporan|aduan|komplain|keluhan|complaint|report)(nya)?"
_MINE = (r"((sy|saya|aku|ku|kami|gue|gw|my)( (yg|yang))?( (kemarin|kmrn|kemaren|tadi|kmaren|"
         r"minggu lalu|bulan lalu|sebelumnya|waktu itu|dulu|hari itu))?|(yg |yang )?(kemarin|"
         r"kmrn|kemaren|tadi|kmaren|sebelumnya|waktu itu))")
_ASKS_AFTER_MINE = re.compile(
    r"\b(tanya|nanya|bertanya|menanyakan|tanyakan|cek|mengecek|ngecek|lihat|liat|tau|tahu)"
    r"( (soal|tentang|ttg|mengenai))? (kabar|kelanjutan|perkembangan|progres|progress|status|"
    r"hasil|tindak lanjut|nasib)(nya)?( (dari|atas|untuk|utk))? " + _COMPLAINT_WORD + r"\b|"
    r"\b" + _COMPLAINT_WORD + r" " + _MINE + r" ((sudah|udah|udh|sdh|dah) )?(" + _HOW_WORD +
    r"|sampai mana|sampe mana|apa kabar|ada kabar|kabarnya|diproses|ditindaklanjuti|ditanggapi|"
    r"(sudah|udah|udh|sdh|dah) (siap|selesai|beres))\b|"
    r"\b" + _HOW_WORD + r" (kabar |nasib |status )?" + _COMPLAINT_WORD + r" " + _MINE + r"\b|"
    r"\b(how is|what happened to|what s happening with|status of|news (on|about)) my "
    r"(complaint|report)\b")
ASKS_AFTER_WORDS = 15
_HOW_TO = re.compile(r"\b(cara|caranya|how (do|to|can|should))\b")   # "keluhan saya gmn caranya"
# Coming back to a complaint already filed (read on `said`, lower case without punctuation):
# more evidence or details for it ("mau tambah bukti", "ada foto susulan", "lupa bilang",
# "ralat", "I want to add more evidence", "forgot to mention")...
_ADD_MORE = re.compile(
    r"\b((ada|ini) )?(tambah|menambah|menambahkan|nambah|nambahin|tambahin|tambahkan|kirim|"
    r"ngirim|mengirim|kirimkan|kirimin|susul|susulkan|menyusulkan|nyusul|nyusulin|lampirkan|"
    r"melampirkan) (lagi )?(bukti|foto|fotonya|dokumen|keterangan|info|informasi|data|lampiran|"
    r"video|videonya|screenshot|ss|rekaman|kronologi)\b|"
    r"\b(bukti|foto|keterangan|data|info|informasi|dokumen|lampiran) (tambahan|susulan)\b|"
    r"\bada (tambahan|yang ketinggalan|yg ketinggalan|yang terlewat|yg terlewat|yang lupa|"
    r"yg lupa)\b|\blupa (bilang|cerita|kasih tau|kasih tahu|kasi tau|menyebut|nyebut|"
    r"sampaikan|menyampaikan|tulis|menulis|bilangin)\b|\b(ralat|koreksi|salah tulis|salah ketik)\b|"
    # "maaf tanggalnya salah, bukan 25 tapi 24", "salah tanggal tadi", "the date is wrong": what
    # was said earlier, so "-nya" or "tadi"/"yang saya tulis" ("paspor saya salah tanggal lahir"
    # is a grievance, not a correction)
    r"\b(tanggalnya|tglnya|jamnya|waktunya|harinya|tempatnya|lokasinya|loketnya) (salah|keliru)\b|"
    r"\b(tanggal|tgl|jam|waktu|hari|tempat|lokasi|loket) (yg |yang )?(saya |sy )?(tulis|kirim|"
    r"sebut|bilang) ?(tadi )?(salah|keliru)\b|"
    r"^((maaf|sorry|eh|oh|ups|waduh|pak|bu|min|kak) )*salah (tanggal|tgl|jam|hari|tempat|lokasi|"
    r"loket)\b(?! lahir)|"
    r"\bthe (date|time|day|place) (i gave |i wrote |i said )?(is|was) (wrong|incorrect)\b|"
    r"\b(i gave|i wrote) the wrong (date|time|day|place)\b|"
    # "oh iya lupa, petugasnya jg bilang sistem lagi error" right after the ticket
    r"^\W*(o+h*\W+)?(i+y+a+|y+a+)\W+lupa\b|\blupa satu lagi\b|"
    r"\b(add|send|attach|upload) (some |more |another |the |a )?(more )?(evidence|photos?|"
    r"pictures?|documents?|details?|information|info|screenshots?|videos?)\b|"
    r"\b(more|additional|further|extra) (evidence|photos?|pictures?|details|information|info)\b|"
    r"\bforgot to (mention|say|add|tell|write)\b|\bcorrection\b")
# Naming one's own complaint: "laporan sy", "pengaduan saya kemarin", "laporan abang tu" (Malay:
# the speaker, calling himself "abang"), "tiketnya", "my report".
_OWN_COMPLAINT = re.compile(
    r"\b(laporan|pengaduan|aduan|komplain|keluhan|tiket)(nya|ku)?( (saya|sy|aku|ku|kami|abang|"
    r"akak|tadi|kemarin|kmrn|itu|tu|yg kemarin|yang kemarin|yg tadi|yang tadi))\b|"
    r"\b(laporan|pengaduan|aduan|tiket)(nya|ku)\b|\bmy (complaint|report|ticket)\b")
# A request for an officer this long says what about ("mau bicara dengan petugas soal paspor
# anak saya"): its words are handed to them.
TOLD_WORDS = 7
# A follow-up is said in a few words; a longer message is more likely a new story.
FOLLOW_UP_WORDS = 14
# Words beyond the wish to add that already tell the detail (it is acknowledged as received).
FOLLOW_UP_TOLD = 3
# A photo or document sent at the menu, captioned in at most this many words, within this many
# days of the person's last complaint, is evidence for that complaint.
MEDIA_CAPTION_WORDS = 5
MEDIA_FOLLOW_UP_DAYS = 14
# "kirim" / "send" typed again right after the complaint was filed (a second tap on the summary's
# button, or an SMS user unsure it went): it went; said so with the ticket, not the bare menu.
_SEND_AGAIN = re.compile(r"^(ya |yes |ok |oke )?(kirim|kirimkan|kirim pengaduan|kirim aduan|send|"
                         r"send it|send the complaint|submit|sudah dikirim\??|terkirim\??|"
                         r"sent\??|is it sent\??|sudah terkirim\??)$")
SENT_AGAIN_MINUTES = 30
# The first sentence or clause of a message: "Can I speak with an officer please?",
# "min sy mau bicara dgn petugas," before the rest.
_FIRST_PART = re.compile(r"[?!.,;:\n]+\s*")

# "PIN saya lupa", "lupa PIN", "forgot my PIN".
_LOST_PIN = re.compile(r"\b(lupa|hilang|ilang|forgot|lost|forget)( (my|the|saya|sy))? pin\b|"
                       r"\bpin( (saya|sy|nya|ku|aku))? (lupa|hilang|ilang|gak tau|ga tau|lost|"
                       r"berapa|brp|mana|dimana|di mana)\b|"
                       r"\b(what s|whats|what is) my pin\b")
# "gmn status paspor anak sy", "paspor sy sampai mana": from someone whose last complaint is
# about a passport, that complaint's status (not where a passport application is followed).
_PASSPORT_STATUS = re.compile(r"\b(status|statusnya|sampai mana|sampe mana|kabarnya)\b.*\b("
                              r"paspor|passport)\b|\b(paspor|passport)\b.*\b(status|statusnya|"
                              r"sampai mana|sampe mana|kabarnya)\b")
PASSPORT_STATUS_DAYS = 60
# A ticket number forgotten: "Saya lupa nomor tiketnya", "I forgot my ticket number".
_LOST_TICKET = re.compile(
    r"\b(lupa|hilang|ilang|forgot|forget|lost|ga tau|gak tau|tidak tahu|tdk tau|don t know|"
    r"dont know)( \w+){0,2} (tiket|ticket|tiketnya|tiketku|tracking)\b|"
    r"\b(tiket|ticket|tiketnya)( \w+){0,2} (lupa|hilang|ilang|lost|forgot|forgotten)\b")
# Asking whether the officers have answered: "ada balasan dari petugas?", "udh dibalas blm",
# "any reply from the officers?".
_REPLY_ASKED = re.compile(r"\b(ada|sudah ada|udah ada|udh ada|sdh ada) (balasan|jawaban|tanggapan)\b|"
                          r"\b(balasan|jawaban|tanggapan) (dari )?(petugas|kantor|imigrasi)\b|"
                          r"\b(sudah|udah|udh|sdh) (di)?(balas|jawab|tanggapi)\b|"
                          r"\bany (reply|answer|response)\b")

# A travel document lost, told in a few words and nothing against anyone: "PLB sy hilang",
# "kartu paspor anak saya hilang", "I lost my border pass". The person asks what to do now (the
# loss's information answer), however the model reads it; losing it at the office, or a longer
# story, is told as a complaint.
_DOCUMENT = (r"(paspor|pasport|passport|plb|pas lintas batas|border pass|border crossing pass|"
             r"border crossing card)")
_LOST_DOCUMENT = re.compile(
    rf"\b{_DOCUMENT}(nya|ku)?( \w+){{0,3}} (hilang|ilang|lost|missing|dicuri|kecurian|"
    rf"kecopetan|stolen)\b|\b(kehilangan|lost|lose|losing|misplaced)( \w+){{0,3}} {_DOCUMENT}\b")
# A loss told plainly fills a sentence or two: a greeting, who lost what, where and when, and
# the question ("selamat pagi bpk/ibu, saya kehilangan paspor di kapal dari tawau kemarin sore,
# apa yang harus saya lakukan?" is 18 words). Past a few words, a turn of contrast ("tapi",
# "padahal", "but") is how a grievance is usually told, and makes it a story.
LOSS_WORDS = 22
LOSS_PLAIN_WORDS = 8
_CONTRAST = {"tapi", "tp", "tetapi", "padahal", "namun", "malah", "but", "although", "however"}

# Impatience about a complaint already made, said and nothing more: "kok lama sekali",
# "tolong dipercepat ya pak", "please hurry up" (the status answer says when it is due).
# How long *this* takes, asked by someone who has complained: their complaint, whatever
# procedure the words could also name ("how long does this usually take?" right after an ITAS
# complaint is not the passport's processing time)
_HOW_LONG_THIS = re.compile(
    r"\bhow long (does|will|would|should|might) (this|it|that|my complaint|the complaint|my "
    r"report)( usually| normally| still)? (take|be)\b|\bhow much longer\b|"
    r"^((kira2|kira kira|kurang lebih) )?(berapa|brp) lama( lagi| ya| sih| kira2| min| kak| pak|"
    r" bu| prosesnya| nya)*$|"
    r"\b(berapa|brp) lama lagi\b")
# What comes next, asked by someone who has complained ("ok, what happens next?", "selanjutnya
# gimana?"): their complaint's next step; right after an information answer, that procedure's.
_NEXT = re.compile(r"\bwhat happens next\b|\bwhat (s|is) next\b|\b(selanjutnya|habis ini|"
                   r"abis ini|setelah ini) (gimana|bagaimana|gmn|apa)\b|^(terus|trus|lalu) "
                   r"(gimana|bagaimana|gmn)( (ya|min|pak|bu|kak))?$")
_IMPATIENT = re.compile(
    r"^((kok|koq|knp|kenapa|kenapa kok|duh|aduh) )?(lama|lambat|lelet)( (sekali|banget|bgt|amat|"
    r"bener|bangat|sangat|nya|prosesnya|ya|sih|nih|min|pak|bu|kak))*$|"
    r"\b(tolong|mohon|minta|harap|harap segera) (di)?percepat(kan)?\b|\bcepetin\b|"
    r"\bplease (hurry|speed)|\b(speed|hurry) (it |this )?up\b|\btaking (so|too) long\b")

# Waiting for news, said as a closing, not asked: "oke ditunggu kabarnya", "ditunggu kabar
# baiknya min", "ok I'll wait for the update".
_AWAITS = re.compile(
    r"^((ok|oke|okey|baik|siap|sip|iya|ya|noted|makasih|terima kasih) )*(di)?tunggu (ya |aja )?"
    r"(kabar|kabarnya|kabar baiknya|kabar selanjutnya|infonya|info selanjutnya|balasannya|"
    r"tindak lanjutnya|tindaklanjutnya|hasilnya|updatenya)( (ya|yah|min|pak|bu|kak|nya|baiknya|"
    r"selanjutnya|dari kalian|makasih|terima kasih))*$|"
    r"^((ok|okay|alright|great|thanks|thank you) )*(i ll|i will|we ll|we will) (wait|be waiting)"
    r"( for (the|your|an|a) (news|update|reply|answer|response))?( thanks| thank you)?$|"
    r"^((ok|okay|great|thanks|thank you) )*(looking forward to (hearing from you|your reply|"
    r"the update))$")

# Question words: a question that names an information topic gets that topic's answer.
_QUESTION = re.compile(r"\b(apa|apakah|gimana|bagaimana|berapa|kapan|dimana|di mana|bisa|boleh|"
                       r"bawa apa|macam mana|camana|what|how|when|where|can i|do i|should i)\b")
# Asking how a procedure is done: "how do I report a lost passport", "cara lapor paspor hilang".
_HOW = re.compile(r"\b(how (do|can|should|would) (i|we|you)|how to|where (do|can|should) (i|we)|"
                  r"what (do|should) i do|cara(nya)?|bagaimana cara(nya)?|gimana cara(nya)?|"
                  r"gmn cara(nya)?|macam mana|camana|prosedur)\b")
# "sy mau tanya …", "numpang tanya", "I have a question": a question announced, however long.
_ASKING = re.compile(r"\b(mau|mo|nak|ingin|pengen|izin|ijin|numpang|boleh|sekedar|cuma|hanya|"
                     r"mohon) "
                     r"(tanya|nanya|bertanya|info|informasi)\b|\bi (have|got) a question\b|"
                     r"\bquick question\b|\bcan i ask\b")
# "kalo yg 10 thn?", "what about ITK": asking on about what was just answered.
_WHAT_ABOUT = re.compile(r"^(kalau|kalo|klo|klu|kl|gimana kalau|terus|trus|lalu) (yg|yang|untuk|"
                         r"utk|buat|bagi)\b|^(what|how) about\b")
# "minta no hp petugas dong", "can I have the office's email", "I need help with my visa":
# asking to be given something (answered when it names a topic).
_PLEA = re.compile(r"^(minta|mnt|boleh minta|bisa minta|mau minta|sy mau minta|saya mau minta|"
                   r"mohon info|minta info|tolong kasih|kasih tau|kasih tahu|please give|"
                   r"send me|can i have|can i get|may i have|could i have|(i )?need help|"
                   r"(i )?need (some )?(info|information)|please help|help me|butuh bantuan|"
                   r"perlu bantuan|minta bantuan|mohon bantuan|tolong bantu)\b")
# Wanting a person the bot cannot be: "sy mau ketemu kepala kantor", "cs nya mana".
_WANTS_PERSON = re.compile(
    r"\b(ketemu|bertemu|jumpa|menghadap|meet|see)( dengan| sama| dgn| with| the)? (kepala|"
    r"pimpinan|kakan|atasan|petugas|pegawai|head|manager|boss|chief)\b|"
    r"^(cs|admin|petugas|operator|pegawai|officer)( ?nya)? (mana|dimana|where)\b")
# A question opened as a protest ("kenapa loket tutup?", "kok gitu?") is a grievance told.
_PROTEST = {"kenapa", "mengapa", "kok", "koq", "why", "masa", "lho", "loh"}
# Words that tell what happened: a question holding them is more likely a story.
_TELLS = {"padahal", "tapi", "tp", "sudah", "udah", "udh", "sdh", "dah", "belum", "blm", "masih",
          "tadi", "kemarin", "kmrn", "already", "still", "yet", "but"}
# Words that only ask ("mau tanya dong", "info paspor?", "how do I"): a question with this
# many other words asks something specific.
_ASK_FRAME = {"mau", "mo", "ingin", "pengen", "tanya", "nanya", "bertanya", "info", "informasi",
              "information", "cara", "caranya", "gimana", "bagaimana", "apa", "apakah", "boleh",
              "bisa", "question", "ask", "have", "can", "how", "what", "to", "do", "about",
              "tentang", "soal", "mengenai", "layanan", "pelayanan", "kalau", "kalo", "yg",
              "yang", "di", "ke", "dan", "sama", "is", "are", "the", "an", "of", "for"}
SPECIFIC_WORDS = 3
QUESTION_WORDS = 15          # a question is asked in this many words...
ANNOUNCED_QUESTION_WORDS = 30   # ... or this many when it says it is one
# What the model's menu-level intents mean here.
WISHES = {"complain": 0, "check_status": 1, "informasi": 2, "talk_to_officer": 3}


def begin_story(turn: Turn, text: str) -> Go:
    """They started telling their story straight away: keep it and carry on. With an
    unfinished draft waiting, neither is lost: the story is kept aside and they are asked
    whether to continue the draft (the message joins it) or start over with it."""
    if draft.resume(turn) is not None:
        turn.data[draft.NEW_MESSAGE] = [*turn.data.get(draft.NEW_MESSAGE, []), text]
        return Go(State.RESUME)
    draft.start(turn)
    draft.add_to_story(turn, text)
    if scope.out_of_scope(turn, turn.reading(text), text):
        return Go(State.SCOPE)
    turn.data[draft.NOTED] = True        # the first bubble added is acknowledged at once
    return Go(State.DESCRIBE, [Reply(turn.t("describe.noted"))], ask_next=False)


def new_story(turn: Turn, text: str) -> Go:
    """A free-text message that begins a story. Soon after the person's last complaint was
    filed or had news (`filed.recent`), or whenever it names their complaint still open
    ("laporan sy itu …"), and unless it says it is another complaint, it is kept and they are
    asked first whether it is about that complaint (`filed.ask`): never another office's
    matter, nor a new draft, before they say so."""
    if draft.resume(turn) is None and not filed.says_new(text):
        complaint = filed.recent(turn) or own_open_complaint(turn, text)
        if complaint is not None and not filed.new_report(turn, complaint, text):
            return filed.ask(turn, complaint, text)
    return begin_story(turn, text)


def own_open_complaint(turn: Turn, text: str) -> Complaint | None:
    """The person's latest open complaint, when the message names their complaint ("laporan
    sy", "pengaduan abang tu", "tiketnya", "my report")."""
    if _OWN_COMPLAINT.search(said(text)) is None:
        return None
    return next((c for c in turn.unit.complaints_of(turn.complainant.id, limit=20)
                 if c.stage not in FINISHED), None)


def choose(turn: Turn, index: int, text: str = "") -> Go:
    """Act on a menu choice: 0 file, 1 status, 2 information, 3 officer."""
    if index == 0:
        if draft.resume(turn) is not None:
            turn.data["resume_fresh"] = True     # "mulai baru" then starts a new story
            return Go(State.RESUME)
        draft.start(turn)
        if text and wish_topic(text):
            # "I need to complain about my KITAS extension": what it is about opens the story
            # once it is told (classified with it, and read by the officers), never alone
            turn.data[draft.TOPIC] = text
            named = intake.named_type(turn, text)
            if named is not None:
                turn.data[draft.TOPIC_TYPE] = named     # "soal paspor": the type list's hint
        return Go(State.DESCRIBE)
    if index == 1:
        return status.start(turn)
    if index == 2:
        found = info.answer_for(turn, text) if text else None
        return Go(None, [found], ask_next=False) if found else Go(State.INFO)
    if turn.text and delicate(turn.text) and menu_wish(turn.text)[0] != "talk_to_officer":
        # "petugas minta duit" names the officers' option, but tells what one of them did: the
        # story's beginning, not a talk with the officers
        return new_story(turn, turn.text)
    # "mau bicara dengan petugas soal perpanjangan paspor anak saya": what it is about is handed
    # to the officers (a levy or an officer's conduct: to the leaders only), not dropped
    told = bool(turn.text) and (delicate(turn.text) or len(words(turn.text)) >= TOLD_WORDS)
    return officer.request(turn, told=told)


def route(turn: Turn, from_info: bool = False) -> Go | None:
    """A free-text message at the menu: rules first, then the model; None: not understood."""
    text = turn.text
    n = len(words(text))
    ticket = find_ticket(text, turn.config.office.code)
    if ticket:   # "pin saya 123456, status TRK-…": the PIN may come first, or with no word
        return answer_ticket(turn, ticket, find_pin(text.replace(ticket, "")))
    if asks_for(text):
        # "english please", "bahasa indonesia aja": the engine has switched; the options again
        return Go(None if from_info else State.MENU)
    if (_SEND_AGAIN.match(said(text)) or says_send(text)) and draft.resume(turn) is None:
        # ("lanjut", "gas", "ok lanjut": the summary's send, typed again)
        last = turn.unit.complaints_of(turn.complainant.id, limit=1)
        if last and last[0].created_at >= turn.now - dt.timedelta(minutes=SENT_AGAIN_MINUTES):
            return Go(None, [Reply(turn.t("follow_up.sent", ticket=last[0].ticket))],
                      ask_next=False)
    if _AWAITS.match(said(text)) and draft.resume(turn) is None and filed.pending(turn) is None:
        # "oke ditunggu kabarnya": a closing; where the news will come, not the status again
        last = turn.unit.complaints_of(turn.complainant.id, limit=1)
        if last:
            return Go(None, [Reply(turn.t("follow_up.awaited", ticket=last[0].ticket))],
                      ask_next=False)
        return Go(None, [thanks(turn)], ask_next=False)
    if asks_visit(text) and draft.resume(turn) is None:
        # "ok makasih, jadi saya datang senin ya?" after filing: no visit is booked here
        last = turn.unit.complaints_of(turn.complainant.id, limit=1)
        if last:
            return Go(None, [visit_answer(turn, last[0].ticket)], ask_next=False)
    reopened = reopens(turn, text)
    if reopened is not None:
        return reopened
    if asks_progress(turn, text) or passport_status(turn, text) or asks_after_mine(text) or \
            asks_after_theirs(turn, text) or (
            n <= 8 and _REPLY_ASKED.search(said(text))):
        # "ada balasan dari petugas?": the status answer shows the officers' latest message
        # (from another device, once the ticket and PIN are given); never a new complaint
        return status.start(turn)
    if n <= 10 and _LOST_TICKET.search(said(text)) and \
            turn.unit.complaints_of(turn.complainant.id, limit=1):
        # "Saya lupa nomor tiketnya." from the account that filed: none is needed here; the
        # status lists their complaints (never "is this about TRK-…?")
        return status.start(turn)
    if is_pin_alone(text) and \
            turn.unit.complaints_of(turn.complainant.id, limit=1):
        # "173117" or "PIN 173117" alone from the account that filed (it was "Maaf, saya belum
        # mengerti"): no PIN is needed here; the status of their complaints
        return status.start(turn)
    tried = status.pin_tried(text)
    if tried is not None and turn.unit.complaints_of(turn.complainant.id, limit=1):
        # "1234", "PIN saya 1234" from the account that filed (it was "Maaf, saya belum
        # mengerti"): a PIN of the wrong length, said as in the status flow; no try is used
        return Go(None, [status.pin_length_reply(turn, tried)], ask_next=False)
    pressed = urgent(turn, text)
    if pressed is not None:
        return pressed
    followed = follows_up(turn, text)
    if followed is not None:
        return officer.follow_up(turn, *followed)
    if timing_and_more(turn, text) and draft.resume(turn) is None and not filed.says_new(text):
        # "kapan selesai pak? anak sy mau berangkat umroh tgl 20": asked, and told what the
        # officers should know; about that complaint, most likely: asked first
        complaint = filed.recent(turn)
        if complaint is not None:
            return filed.ask(turn, complaint, text)
    if n <= FOLLOW_UP_WORDS and asks_if_safe(text):
        return Go(None, [officer.identity_answer(turn)], ask_next=False)
    if n <= FOLLOW_UP_WORDS and _LOST_PIN.search(said(text)):
        return Go(None, [lost_pin_answer(turn)], ask_next=False)
    if turn.inbound.kind == "location" and draft.resume(turn) is None:
        # a map pin alone: where something happened, most likely; the story starts from it
        # (shown only where the identity may be seen, like a photo's GPS)
        return begin_story(turn, text)
    if turn.inbound.media and n <= MEDIA_CAPTION_WORDS and draft.resume(turn) is None and \
            len(turn.data.get("attachments", [])) == len(turn.inbound.media):
        # evidence, days after the complaint, for it (a draft being gathered keeps it)
        ticket = recent_ticket(turn, MEDIA_FOLLOW_UP_DAYS)
        if ticket is not None:
            return officer.follow_up(turn, ticket, "add")
    if n >= TYPE_WORDS and tells_delay(text):
        # "paspor anak sy sdh 3 minggu blm jd": a grievance told, never the requirements
        return new_story(turn, text)
    asked = info.question_only(turn, text)
    if asked is not None:
        # "salam tuan, saya pekerja ladang di Tawau, permit kerja saya dah nak tamat, macam mana
        # nak sambung?": a question about what is never a complaint here (a Malaysian work
        # permit), however long, answered before the model can call it a story or not ours
        return Go(None, [asked], ask_next=False)
    first = _FIRST_PART.split(text.strip(), maxsplit=1)[0]
    if n > 12 and len(words(first)) <= 8 and menu_wish(first)[0] == "talk_to_officer" and \
            not grievance(text):
        # "Can I speak with an officer please? I have a question about my VOA extension": the
        # officer asked for, and the rest of the message handed to them (not an answer instead)
        return officer.request(turn, told=True)
    wish, sure = menu_wish(text) if n <= 12 else (None, False)
    if not sure and tells_loss(text):
        # a lost passport or PLB: what to do now, not a complaint (a sure wish still decides:
        # "mau komplain, PLB sy hilang")
        found = info.answer_for(turn, text)
        if found:
            return Go(None, [found], ask_next=False)
    if not sure and wish in (None, "informasi") and delicate(text):
        # "officer ask me money", "petugas minta duit": a levy or an officer's conduct told in
        # few or broken words is the story's beginning (the next message, "500 ringgit", joins
        # it), never the information topics
        return new_story(turn, text)
    reading = None
    if wish is not None and not sure:
        reading = turn.reading(text)
        if reading is not None and reading.intent in WISHES and \
                reading.confidence >= turn.config.nlu.confidence_threshold:
            wish = reading.intent
    if wish == "greet":
        if filed.pending(turn) is not None:
            return Go(None, [filed.reminder(turn)], ask_next=False)
        return Go(None if from_info else State.MENU)
    if wish == "thanks":
        return Go(None, [thanks(turn)], ask_next=False)
    if wish == "complain" and sure:
        # "how do I report a lost passport": the word of a complaint, asking how a procedure
        # the office informs about is done; "how do I report a broker" stays a complaint
        found = info.answer_for(turn, text) if asks_how(turn, text) else None
        if found:
            return Go(None, [found], ask_next=False)
    if wish in WISHES:
        if wish == "complain" and story_words(text) >= STORY_CONTENT_WORDS:
            return new_story(turn, text)
        if wish == "informasi":
            return inform(turn, text, n)
        return choose(turn, WISHES[wish], text)
    if n <= QUESTION_WORDS and _WANTS_PERSON.search(said(text)) and not grievance(text):
        # "sy mau ketemu kepala kantor", "cs nya mana": a person, whom this chat is not
        return Go(None, [Reply(turn.t("info.unknown"))], ask_next=False)
    reading = reading or turn.reading(text)
    if reading is not None and reading.intent:
        threshold = turn.config.nlu.confidence_threshold
        intent = reading.intent
        if intent in WISHES and reading.confidence >= threshold:
            if intent == "complain" and story_words(text) >= STORY_CONTENT_WORDS:
                return new_story(turn, text)
            if intent == "informasi" and grievance(text) and n >= TYPE_WORDS:
                # "satpamnya galak bgt bentak2 ibu2 yg nanya": how someone was treated is a
                # complaint, whatever word of asking it holds
                return new_story(turn, text)
            if intent == "informasi":
                return inform(turn, text, n)
            return choose(turn, WISHES[intent], text)
        if intent in ("greet", "affirm") and reading.confidence >= threshold and n <= 3:
            return Go(None if from_info else State.MENU)
        if intent == "thanks" and reading.confidence >= threshold:
            return Go(None, [thanks(turn)], ask_next=False)
        if intent == "help" and reading.confidence >= threshold and n <= 4:
            return Go(None, [Reply(turn.t("help"))], ask_next=False)
        typed = reading.is_type(turn.config.complaint_types) and intent != "informasi" and \
            n >= TYPE_WORDS
        # "kantornya di jalan apa", "Good morning, is my passport ready?": a question naming a
        # topic is answered, whatever the model hears in it (out of scope, a complaint);
        # "dimana bikin KTP?", "mau bikin ktp": answer_for names the other agency
        found = info.answer_for(turn, text) if (_question(text, n) or (
            n <= 4 and not typed)) else None
        if found:
            return answered(turn, text, found)
        if reading.out_of_scope and (story_words(text) < PLEA_WORDS or n <= 8 and (
                _asked(text) or _PROGRESS.search(said(text)))):
            # "minta tolong dong kak urgent": a plea that tells nothing yet is not another
            # office's matter; the options, so they can say what it is
            if turn.data.get(info.LAST_TOPIC) and is_question(text) and not grievance(text):
                # "bisa diurus sehari jadi kah" right after an answer: a question about it
                # this chat cannot answer, said so (not the bare options, as if unheard)
                return Go(None, [Reply(turn.t("info.unknown"))], ask_next=False)
            return Go(None if from_info else State.MENU)
        if typed:
            if reading.confidence < threshold and unanswerable(text, n):
                # "wawancara bisa diwakilkan?", read by a model that is unsure: a question
                # for an officer, not a complaint
                return Go(None, [Reply(turn.t("info.unknown"))], ask_next=False)
            return new_story(turn, text)
    found = info.answer_for(turn, text) if _question(text, n) or n <= 4 else None
    if found:
        return answered(turn, text, found)
    if unanswerable(text, n):
        # "paspor bisa dikirim ke rumah?", "sy mau ketemu kepala kantor": not for this chat
        return Go(None, [Reply(turn.t("info.unknown"))], ask_next=False)
    if n >= STORY_START_WORDS:
        return new_story(turn, text)
    return None


def inform(turn: Turn, text: str, n: int) -> Go:
    """A wish for information: its answer; a specific question no topic answers ("kalau nama
    di ktp beda sama akta gmn?") is for an officer; "min mau nanya" gets the topics."""
    found = info.answer_for(turn, text)
    if found:
        return answered(turn, text, found)
    if unanswerable(text, n) and sum(1 for w in words(text) if w not in PARTICLES and
                                     w not in _ASK_FRAME) >= SPECIFIC_WORDS:
        return Go(None, [Reply(turn.t("info.unknown"))], ask_next=False)
    return Go(State.INFO)


# An information answer's message that also tells a grievance, kept so that "1" or "ya" at the
# menu files it as the story without retyping (read by `menu.Menu`; any other reply drops it).
INFO_STORY = "info_story"


def answered(turn: Turn, text: str, found: Reply) -> Go:
    """An information answer; when the message also tells a grievance ("paspor sy blm jadi"),
    with the offer to file it, the message kept as its story."""
    if not (grievance(text) or tells_delay(text)) or draft.resume(turn) is not None:
        return Go(None, [found], ask_next=False)
    turn.data[INFO_STORY] = text
    return Go(None, [found, Reply(turn.t("info.file_it"))], ask_next=False)


def _question(text: str, n: int) -> bool:
    """A question short enough to be only that, or a longer one that says it is one."""
    return _asked(text) and (n <= QUESTION_WORDS or (
        n <= ANNOUNCED_QUESTION_WORDS and _ASKING.search(said(text)) is not None))


def _asked(text: str) -> bool:
    """A question, not a complaint put as one ('kenapa minta biaya tambahan?'); or asking to be
    given something ('minta no hp petugas dong')."""
    s = said(text)
    return (is_question(text) or _QUESTION.search(s) is not None or
            _WHAT_ABOUT.search(s) is not None or _PLEA.search(s) is not None) and \
        not grievance(text)


def unanswerable(text: str, n: int) -> bool:
    """A question (or a wish for a person) that no information topic answers, asked and
    nothing told: "paspor bisa dikirim ke rumah?", "cs nya mana". A statement of a problem,
    a protest ("kenapa loket tutup?") or a plea to be given something is not."""
    s = said(text)
    if grievance(text) or n > QUESTION_WORDS:
        return False
    if _WANTS_PERSON.search(s):
        return True
    ws = s.split()
    if not ws or ws[0] in _PROTEST or not (is_question(text) or _QUESTION.search(s) or
                                             _WHAT_ABOUT.search(s)):
        return False
    return n < STORY_START_WORDS or (text.strip().endswith("?") and
                                     not any(w in _TELLS for w in ws))


def asks_how(turn: Turn, text: str) -> bool:
    """How a procedure of an information topic is done, asked with no grievance in it."""
    return len(words(text)) <= 15 and _HOW.search(said(text)) is not None and \
        not grievance(text) and bool(info.topics_for(turn, text))


def tells_loss(text: str) -> bool:
    """A passport or PLB lost, told plainly in a sentence or two, naming no grievance and not
    the office ("petugas menghilangkan paspor saya" is a complaint)."""
    ws = words(text)
    return len(ws) <= LOSS_WORDS and _LOST_DOCUMENT.search(said(text)) is not None \
        and not grievance(text) and not scope.names_office(text) and not (
            len(ws) > LOSS_PLAIN_WORDS and any(w in _CONTRAST for w in ws))


def thanks(turn: Turn) -> Reply:
    """'Sama-sama', and a word on a draft still waiting to be sent (after "status"); while
    "is this about TRK-…?" waits, a reminder that the message kept is not sent yet."""
    waiting = filed.reminder(turn)
    if waiting is not None:
        return waiting
    return Reply(turn.t("thanks.draft" if draft.resume(turn) is not None else "thanks"))


def asks_progress(turn: Turn, text: str) -> bool:
    """A short question about how things stand, from someone who has complained before, and
    naming no information topic: their complaint's status, not "not understood", never
    another office's address."""
    n = len(words(text))
    s = said(text)
    impatient = _IMPATIENT.search(s) is not None
    # "brp lama?" right after an information answer asks about that procedure
    this = (_HOW_LONG_THIS.search(s) is not None or _NEXT.search(s) is not None) and \
        not turn.data.get(info.LAST_TOPIC)
    if n > 8 or (grievance(text) and not (impatient or this)) or not (
            impatient or this or _PROGRESS.search(s)):
        return False
    if info.topics_for(turn, text) and not this:
        return False
    return bool(turn.unit.complaints_of(turn.complainant.id, limit=1))


def asks_after_theirs(turn: Turn, text: str) -> bool:
    """How a thing of theirs stands, asked in any word order ("gmn pak paspor anak sy"), or
    when what they told of is put right ("kapan AC nya dibenerin?"), by someone with an open
    complaint: its status. Never a procedure asked after ("gmn bikin paspor", "paspor sy
    hilang gmn"), nor from someone with nothing open."""
    s = said(text)
    if len(words(text)) > AFTER_THEIRS_WORDS or grievance(text) or _PROCEDURE.search(s) or \
            info.names_keyword(turn, text):
        return False
    if not (_FIXED_WHEN.search(s) or (_HOW_THEIRS.search(s) and _THEIRS.search(s))):
        return False
    return any(c.stage not in FINISHED
               for c in turn.unit.complaints_of(turn.complainant.id, limit=20))


def tells_delay(text: str) -> bool:
    """A service's delay told, not asked how long it takes ("paspor anak sy sdh 3 minggu blm
    jd"), and not a how-to question."""
    s = said(text)
    return _DELAY.search(s) is not None and _SERVICE.search(s) is not None and \
        _HOW_TO.search(s) is None and not is_question(text)


def timing_and_more(turn: Turn, text: str) -> bool:
    """A first sentence asking how a complaint stands ("kapan selesai pak?"), and more after
    it, with nothing wrong told in the question."""
    first = _FIRST_PART.split(text.strip(), maxsplit=1)
    if len(first) < 2 or not first[1].strip() or len(words(first[0])) > 8:
        return False
    s = said(first[0])
    return (_PROGRESS.search(s) is not None or _HOW_LONG_THIS.search(s) is not None) and \
        not grievance(first[0]) and not info.topics_for(turn, first[0])


def asks_after_mine(text: str) -> bool:
    """Asking how one's complaint stands, naming it as theirs or an earlier one ("sy mau tanya
    kabar pengaduan sy kemarin"), with nothing wrong told: a status request, whether or not a
    complaint was filed from here."""
    s = said(text)
    return len(words(text)) <= ASKS_AFTER_WORDS and not grievance(text) and \
        _ASKS_AFTER_MINE.search(s) is not None and _HOW_TO.search(s) is None


def passport_status(turn: Turn, text: str) -> bool:
    """A passport's status asked ("gmn status paspor anak sy") by someone who has lately
    complained about a passport: the complaint is what they follow (the status answer), not
    M-Paspor's application status."""
    if len(words(text)) > 10 or grievance(text) or not _PASSPORT_STATUS.search(said(text)):
        return False
    last = turn.unit.complaints_of(turn.complainant.id, limit=1)
    return bool(last) and last[0].type == "paspor" and \
        last[0].created_at >= turn.now - dt.timedelta(days=PASSPORT_STATUS_DAYS)


# A wish to reopen a complaint: "saya mau buka lagi pengaduan ini", "tolong dibuka kembali",
# "can I reopen my complaint?" (read on `said`).
_REOPEN = re.compile(r"\b((di|mem)?buka(in|kan)? (lagi|kembali|ulang)|reopen\w*|re open\w*|"
                     r"open (it|this|my complaint|the complaint) again)\b")


def reopens(turn: Turn, text: str) -> Go | None:
    """A wish to reopen one's complaint: only its officers can, so it goes to them as an
    objection to the outcome does, after asking whether it is about the person's latest
    complaint (`filed.ask`); never a new story ("mau buka lagi pengaduan" reads as a wish to
    complain) nor a status. None: no such wish, or nothing filed, or a draft waits."""
    if not _REOPEN.search(said(text)) or draft.resume(turn) is not None:
        return None
    last = turn.unit.complaints_of(turn.complainant.id, limit=1)
    return filed.ask(turn, last[0], text) if last else None


def follows_up(turn: Turn, text: str) -> tuple[str, str] | None:
    """(ticket, purpose) when a message comes back to the person's last complaint: a wish to
    withdraw it ("withdraw"), said at any length ("Actually I got my passport back, … I'd like
    to withdraw my complaint please, thank you") unless it tells a grievance ("petugas memaksa
    saya mencabut laporan"); or, in a few words, more evidence or details ("add"; "told" when
    the message already tells them). None: it does not, or they have filed nothing. A
    withdrawal while a draft waits is about the draft."""
    s = said(text)
    short = len(words(text)) <= FOLLOW_UP_WORDS
    purpose = "withdraw" if withdraws(text) and draft.resume(turn) is None and (
        short or not grievance(text)) else "add" if short and _ADD_MORE.search(s) else None
    if purpose is None:
        return None
    last = turn.unit.complaints_of(turn.complainant.id, limit=1)
    if not last:
        return None
    if purpose == "add" and story_words(_ADD_MORE.sub(" ", s)) >= FOLLOW_UP_TOLD:
        purpose = "told"          # "lupa bilang, petugasnya pakai baju batik": said already
    return last[0].ticket, purpose


# Stages at which a complaint is finished: nothing more reaches its officers as urgent.
FINISHED = (Stage.REPORTED.value, Stage.ARCHIVED.value)


def urgent(turn: Turn, text: str) -> Go | None:
    """An urgent message after filing ("URGENT my visa expires next week", "tolong segera
    pak, visa saya habis"): urgency pleaded, or a deadline of the person's own at hand, about
    a permit, visa, passport or journey or pointing back at the complaint. With one open
    complaint it goes to that complaint's officers at once, marked urgent with the deadline
    it states (and any messages kept for it before), and the person is told so, with the
    talk to the officers open and where to turn if it cannot wait. With several, "is this
    about TRK-…?" is asked, acknowledging the urgency (`filed.ask`). None: not such a message."""
    if draft.resume(turn) is not None or filed.says_new(text) or not deadline.urgent(turn, text):
        return None
    open_ = [c for c in turn.unit.complaints_of(turn.complainant.id, limit=20)
             if c.stage not in FINISHED]
    if not open_ or filed.new_report(turn, open_[0], text):
        return None
    complaint = open_[0]
    if not (deadline.mentions(text) or filed.continues(turn, complaint, text)):
        return None
    if len(open_) > 1:
        return filed.ask(turn, complaint, text)
    kept = filed.pending(turn)
    earlier: list[dict] = []
    if kept is not None and kept["ticket"] == complaint.ticket:
        earlier = kept["said"]
        turn.data.pop(filed.KEY, None)
    stated = deadline.read(text, turn.now, turn.config.office.tz, turn.lang)
    go = officer.follow_up(turn, complaint.ticket, "told", kept=[*earlier, filed.entry(turn, text)])
    officer.deadline_told(turn, turn.message_id, text, complaint.ticket, urgent=True)
    told = turn.t("follow_up.urgent.deadline", deadline=deadline.said_as(turn, stated)) \
        if stated is not None else ""
    return Go(go.to, [Reply(officer.talk_text(turn, "follow_up.urgent", ticket=complaint.ticket,
                                              deadline=told, when=officer.when_text(turn),
                                              contact=deadline.contact(turn)))],
              ask_next=False)


def visit_answer(turn: Turn, ticket: str) -> Reply:
    """Coming to the office, asked after filing: this chat books no visit; the officers say
    here if one is needed, and the office's hours for a visit of their own."""
    return Reply((turn.t("thanks.first") + " " if opens_with_thanks(turn.text) else "") +
                 turn.t("follow_up.visit", ticket=ticket, hours=info.hours_text(turn)))


def recent_ticket(turn: Turn, days: int) -> str | None:
    """The person's last complaint's ticket, when it was filed within `days` days."""
    last = turn.unit.complaints_of(turn.complainant.id, limit=1)
    if last and last[0].created_at >= turn.now - dt.timedelta(days=days):
        return last[0].ticket
    return None


def lost_pin_answer(turn: Turn) -> Reply:
    """A lost PIN: none is needed from the identity that filed; otherwise how to get a new one."""
    lost = status.lost_pin(turn)
    if not turn.unit.complaints_of(turn.complainant.id, limit=1):
        return Reply(lost)
    channel = {"telegram": ("akun", "account"), "web": ("percakapan", "chat")}.get(
        turn.inbound.channel, ("nomor", "number"))
    return Reply(turn.t("pin.here", channel=channel[turn.lang == "en"]) + "\n" + lost)
