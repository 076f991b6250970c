"""Whether a text reports something sensitive: an illegal levy, a broker or a bribe, or an
officer's conduct. A sensitive report is for Kasi Tikkim and Kepala Kantor only (the SOP's rule),
so the conversation asks this before a story or a message to the officers reaches the group.
"""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, padded: ' kata kata ' (for whole-word patterns)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


# --- a report told in the officers' chat ------------------------------------------------------
# What someone writes to "talk to an officer" goes to the officers' group, where the officer it is
# about may read it. Words of a report about an illegal levy, a broker, a bribe or an officer's
# conduct (matched on folded text: lower case, no accents, single spaces) make it the leaders'.
# Tarakan faces Sabah: Malay words (duit kopi, wang, rasuah, mintak) report a levy just as well.
# Precision matters as much: a false alarm takes a harmless talk away from the officers, so the
# patterns are phrases (who asked whom for what), not single common words.

# Who brokers papers, in Indonesian, English and Malay ("ejen"; "orang tengah": middleman).
_AGENT = (r"(agen|agennya|agent|agents|ejen|ejennya|calo|calonya|broker|brokers|middlem[ae]n|"
          r"fixer|fixers|tout|touts|orang tengah)")
# Money named in English, Indonesian or Malay: "RM 3000", "3000 ringgit", "2 million", "cash".
_ANY_MONEY = (r"(rm ?\d+|rp ?\d+|idr ?\d+|usd ?\d+|\d+ ?(k|rb|ribu|rebu|juta|jt|ringgit|rm|"
              r"rupiah|idr|usd|dollars|million|thousand|hundred)|money|cash|duit|wang|uang|"
              r"\d*[1-9]0{2,})")
# Pieces of the money-asked patterns below (folded text).
_MONEY = (r"(uang|duit|duet|wang|biaya|ongkos|bayaran|rp ?\d+|\d+ ?(rb|ribu|rebu|k|jt|juta|ratus|"
          r"ringgit|rm)|\d*[1-9]0{2,}|seratus|sejuta|gocap|goceng|cepek|ceban)")
# asked of the person (passive): "saya minta info biaya ke petugas" is the person asking
_ASKED = r"di(minta|mintak|mintai|mintain|tarik|pungut|palak|tagih)"
_SUM_WORDS = r"( (lagi|tambahan|lebih|uang|duit|biaya|bayaran|sebesar|sejumlah|sekitar))*"
_AT = r"(di |sama |sm |ama |oleh |dari |dr |ke |kpd |kepada )?"
# Who sits at the office: an officer, a counter (not a bank's or post office's counter there).
_OFFICER = (r"(petugas|petugasnya|pegawai|pegawainya|staf|staff|stafnya|oknum|satpam|"
            r"loket(?! (bank|bni|bri|mandiri|btn|bsi|pos|pembayaran))|bapak|bapaknya|ibu|ibunya|"
            r"mas|mbak|orang imigrasi)")
_LEVY = [
    r"pungli(nya)?", r"pungutan liar", r"calo(nya)?", r"percaloan", r"makelar", r"joki",
    r"(di|me|meny)?suap(an|nya)?", r"(di|me|meny|ny)?sogok(an|in|nya)?", r"(di|me)?rasuah",
    r"(uang|duit|wang|duet) (pelicin|rokok|kopi|teh|lelah|damai)",
    r"orang dalam", r"ordal", r"jalur (belakang|khusus|cepat|vip)", r"lewat belakang",
    r"(di|me)?mintak?(i|in)? (uang|duit|duet|wang|bayaran|imbalan|tip|tips)",
    # money slipped into the file: "uangnya diselipin di map", "nyelipin duit ke berkas"
    r"(selipkan|selipin|diselipkan|diselipin|nyelipin|menyelipkan)( [a-z]+){0,3} "
    r"(uang|duit|duet|wang)",
    r"(uang|duit|duet|wang)(nya)?( [a-z]+){0,3} (diselipkan|diselipin|nyelip)",
    # "bayar lebih" is paying extra; "bayar lebih dulu" is paying first
    r"bayar (lebih(?! (dulu|dahulu|awal|cepat))|tambahan|di luar)",
    # "kalau mau cepat harus bayar 300rb ke dia", "bayar 500 biar cepat"
    r"(mau|biar|supaya|agar|kalau|kalo|klo|klu|kl) (cepat|cpt|cepet|lancar)( [a-z0-9]+){0,5} "
    r"(bayar|byr|kasih|ksh|transfer|tf|setor|nyetor)",
    r"(bayar|byr|kasih|ksh|dikasih|ngasih|transfer|tf|setor|nyetor)( [a-z0-9]+){0,4} "
    r"(biar|supaya|agar|asal) (cepat|cpt|cepet|lancar|beres|jadi|dibantu|diurus)",
    # "biar paspor cepat jadi asal transfer", "titip uang ke petugas supaya didahulukan"
    r"(cepat|cpt|cepet|lancar|beres)( [a-z0-9]+){0,2} asal (bayar|byr|kasih|ksh|transfer|tf|"
    r"setor|nyetor)",
    r"(uang|duit|titip|titipan|nitip)( [a-z0-9]+){0,4} (biar|supaya|agar) (antrian |antrean )?"
    r"(didahulukan|duluan)",
    # an envelope for the officer: "minta dikasih amplop biar cepat"
    r"(minta|kasih|dikasih|ngasih|kasi|beri|diberi|memberi|selipkan|selipin|nyelipin) amplop",
    r"(uang|duit) amplop", r"amplop (biar|supaya|agar)",
    # an agent selling immigration papers: "agen katanya bisa urus paspor cepat"
    r"(agen|agent|agency|ejen|biro jasa|jasa pengurusan|jasa (urus|ngurus|uruskan))"
    r"( [a-z0-9]+){0,6} (paspor|passport|pasport|visa|kitas|"
    r"itas|kitap|itap|imigrasi|immigration|imigresen)",
    # a broker in English and Malay: "a middleman took 2 million", "orang tengah minta RM500"
    r"middlem[ae]n", r"fixers?(?! upper)", r"touts?", r"orang tengah",
    # an agent at the office taking money: "an agent at the office took RM 3000", Malay "ada
    # ejen kat pejabat ambil RM3000" (a travel agent selling a ferry ticket is not at the office)
    rf"{_AGENT}( (at|outside|near|in|front|of|by|the|di|kat|dekat|depan|luar|sekitar|area))+ "
    rf"(office|immigration|counter|gate|pejabat|kantor|imigresen|imigrasi|kaunter|loket|kanim)"
    rf"s?( [a-z0-9]+){{0,8}} {_ANY_MONEY}",
    # a claim of friends inside: "said he knows the officers", Malay "dia kata kenal pegawai",
    # "katanya kenal petugas" (a broker's pitch, whether or not the word broker is said)
    r"(said|says|say|claimed|claims|claim|told me|telling|bilang|katanya|kata|cakap|kononnya|"
    r"ngaku|mengaku)( that)?( (he|she|they|dia|beliau|ia))?( [a-z]+){0,2} (knows?|knew|is close "
    r"(with|to)|is friends with|has (friends|contacts|connections) (with|among|in)|kenal|kenalan|"
    r"rapat dengan|dekat dengan|ada (kenalan|orang|geng|kawan|teman|temen) (dengan|sama|di|kat|"
    r"dalam)?)( (the|some|many|all|an?|dengan|sama|sm|ama|semua|ramai))? (officers?|staff|"
    r"immigration (officers?|staff|people)|people (at|in) (the )?(office|immigration)|"
    r"(someone|somebody) (at|in|inside) (the )?(office|immigration)|the boss|pegawai|pegawainya|"
    r"petugas|petugasnya|orang (imigrasi|imigresen|kantor|pejabat)|orang dalam|bos|boss)",
    rf"{_AGENT}( [a-z]+){{0,2}} (knows?|knew|kenal|is close (with|to)|rapat dengan)"
    r"( (the|some|many|all|an?|sama|dengan|semua))? (officers?|staff|pegawai|petugas|"
    r"orang (imigrasi|imigresen|kantor|pejabat))",
    r"(coffee|tea|cigarette|grease|lubricant) money", r"grease (his|her|their|the|an?) "
    r"(officer s |officers )?palms?",
    r"(urus|ngurus|mengurus|uruskan|ngurusin|process|get)( [a-z0-9]+){0,3} (paspor|passport|visa|"
    r"kitas|itas)( [a-z0-9]+){0,3} (cepat|cpt|cepet|kilat|ekspres|express|fast|quickly)",
    r"tanpa (kuitansi|kwitansi|bukti bayar)", r"gratifikasi", r"korupsi", r"pemerasan",
    r"memeras", r"diperas", r"oknum", r"brib(e|es|ed|ery)", r"brokers?", r"extort(ed|ion)?",
    r"under the table", r"kickbacks?", r"corrupt(ion)?",
    r"(asked|demanded) (me )?for (money|cash|a tip|a gift|gifts|a bribe|a fee|extra money)",
    # ("pay more for express": the official express service, asked about)
    r"(pay|paid|pays) (extra|more|something extra)(?! (for|to get) (the )?(express|same day|"
    r"priority|percepatan))",
    r"(faster|quicker|speed (it |things )?up)( [a-z0-9]+){0,5} (pay|paid|money|cash|fee|tip)",
    r"(pay|paid|money|cash)( [a-z0-9]+){0,5} (faster|quicker|speed (it |things )?up)",
    # Money asked for at a counter or by an officer. The official fee (PNBP) is paid at a bank
    # or online, never handed to whoever sits at the counter: "uang administrasi 500 ribu yang
    # diminta di loket", "bapak di loket minta 300 ribu", "ditarik biaya lagi sama petugasnya".
    # After the verb only words of a sum may stand ("minta info biaya" is a question).
    rf"{_MONEY}( [a-z0-9]+){{0,4}} (yang |yg )?{_ASKED}( [a-z0-9]+){{0,2}} {_AT}{_OFFICER}",
    rf"{_ASKED}{_SUM_WORDS} {_MONEY}( [a-z0-9]+){{0,3}} {_AT}{_OFFICER}",
    rf"{_OFFICER}( [a-z0-9]+){{0,3}} (minta|mintak|meminta|narik|menarik|nagih|menagih|mungut|"
    rf"memungut|malak|malakin|palak|nodong){_SUM_WORDS} {_MONEY}",
    r"(di)?(minta|mintak|mintai|mintain) (tambahan|lebih|lagi|ekstra|extra) " + _MONEY,
    # ("dikenakan biaya tambahan" is the electronic passport's official price)
    r"(di)?(minta|mintak|mintai|mintain|tarik|pungut) (uang|duit|biaya|bayaran|ongkos) "
    r"(tambahan|lebih|ekstra|extra|lain lain|tidak resmi|gak resmi|ga resmi)",
    r"(di luar|diluar|melebihi|lebih dari|di atas|diatas) (tarif|biaya|harga|ketentuan)"
    r"( yang| yg)? (resmi|pnbp|seharusnya)",
    r"(di luar|diluar|melebihi) (pnbp|ketentuan)",
    r"(biaya|pungutan|bayaran|uang) (tidak|tdk|gak|ga|nggak|ngga) resmi",
    r"pungutan (tambahan|ilegal|illegal)",
    r"(uang|duit|duet|wang) (jasa|capek|cape|capai|bensin|jajan|ngopi|terima kasih|makasih|sirih|"
    r"semir|tutup mulut|keamanan)",
    r"salam tempel", r"(di|me)?malak(in)?", r"pemalakan", r"(di)?palak(in)?",
    # "bayarnya cash ke petugas, ga dikasih kuitansi" (not a bank's missing slip)
    r"tanpa (struk|nota|bukti pembayaran)",
    r"(cash|tunai|cas|kes|petugas|petugasnya|loket(?! bank)|langsung ke)( [a-z0-9]+){0,5} "
    r"(ga|gak|tidak|tdk|nggak|ngga|ndak|tak) (dikasih|dikasi|diberi|dapat|dapet|dpt|ada|pakai|pake)"
    r"( [a-z]+)? (kuitansi|kwitansi|struk|nota|bukti bayar|bukti pembayaran|tanda terima)",
    # "disuruh transfer ke rekening pribadi bapak itu", "tf ke rek pribadi petugasnya"
    r"(ke|kek|kpd|kepada) (rekening|rek|norek|no rek|nomor rekening|akun|dana|ovo|gopay) "
    r"(pribadi|pribadinya|petugas|petugasnya|pegawai|bapak|bapaknya|ibu|ibunya|dia|oknum)",
    r"(rekening|rek) (pribadi )?(petugas|petugasnya|pegawai|pegawainya|bapaknya|ibunya|oknum)",
    r"(to|into) (his|her|their|the officer s|an officer s) (own )?(personal|private) "
    r"(bank )?(account|number)",
    # "cash only no receipt", "he wanted cash and gave me no receipt", "asked for 500k"
    r"(cash|officer|officers|guy|staff)( [a-z0-9]+){0,6} "
    r"(no|without an?|without any) (official )?receipts?",
    r"(asked|asking|asks|wanted|wants|demanded|demanding)( me| us)? for (some )?(cash|money|"
    r"\d+ ?(k|rb|ribu|idr|rupiah|usd|dollars|ringgit|rm))",
    r"(asked|wanted) (me|us) to (pay|give)( him| her| them)? (cash|money|something|"
    r"\d+ ?(k|rb|ribu|idr|rupiah|usd|dollars|ringgit|rm))",
    # English as it is written in a hurry or as a second language: "at the airport officer ask
    # me money", "the staff want money from me", "officer asked money" (an officer named first)
    r"(officer|officers|staff|guard|security|immigration|petugas|pegawai)( [a-z]+){0,2} (ask|asks|"
    r"asked|asking|want|wants|wanted|demand|demands|request|requests|requested|take|took|"
    r"minta|mintak)( me| us| from me| from us)?( for)?( some| extra| more)? (money|cash|duit|uang|"
    r"\d+ ?(k|rb|ribu|idr|rupiah|usd|dollars|ringgit|rm)|(rm|rp|idr|usd) ?\d+)"]

# Pieces of the conduct patterns below (folded text).
_ASKER = (r"(petugas|petugasnya|pegawai|pegawainya|staf|staff|stafnya|oknum|satpam|loket|bapak|"
          r"bapaknya|ibu|ibunya|pak|bu|mas|mbak|om|bang|abang|dia|yang|yg|orangnya)")
_ASK_FOR = r"(minta|mintak|meminta|mintain|nanya|nanyain|nanyakan|menanyakan|tanya|nanyak)"
_HANDLE = (r"(nomor|nomer|no|nmr|nombor)( (wa|whatsapp|hp|hape|handphone|telepon|telpon|"
           r"telefon|ponsel|ig|instagram|fb|facebook|line|telegram|tele))*")
_MESSAGED = (r"(chat|chat2|chatin|chatting|ngechat|ngechatin|nge chat|wa|wain|whatsapp|sms|"
             r"smsin|dm|dmin|japri|japriin|telpon|telponin|telepon|teleponin|nelpon|nelponin|"
             r"nelfon|menelepon|vc|vcin|videocall)")
_NIGHT = (r"(malam2|malam malam|malem2|malem malem|tengah malam|tengah malem|tiap malam|"
          r"setiap malam|larut malam|jam \d+ malam|dini hari|subuh subuh)")
_BODY = (r"(paha|pinggang|pinggul|dada|payudara|pantat|bokong|pipi|rambut|bibir|leher|lutut|"
         r"badan|tubuh)")
_CONDUCT = [
    r"pelecehan", r"(di|me)lecehkan", r"(di|mem)?bentak",
    r"main tangan", r"dipukul", r"memukul", r"(di|meng)ancam", r"ancaman", r"intimidasi",
    # "saya dimarahin petugas loket" (not "saya marah": the complainant's own anger)
    r"dimarah(i|in)", r"memarahi", r"di ?marah( marah|2)(i|in)",
    # papers thrown at the person: "berkas saya dilempar", "paspornya dibanting"
    r"(berkas|dokumen|map|paspor|kertas)(nya)?( [a-z]+){0,2} (dilempar|dilemparkan|dibanting)",
    r"(melempar|lempar|ngelempar|membanting|banting|mbanting) (berkas|dokumen|map|paspor)",
    r"(petugas|pegawai|oknum|staf|staff)(nya)?( [a-z0-9]+){0,3} (mabuk|teler)",
    r"(petugas|pegawai|oknum|staf|staff)(nya)?( [a-z0-9]+){0,3} (kasar|judes|galak|sombong|arogan|cuek|"
    r"(tidak|tdk|gak|ga|nggak|ngga|tak|ndak) (sopan|ramah)|kurang ajar|biadab)",
    r"harass(ed|ment)?", r"threaten(ed)?", r"(rude|arrogant) (officer|staff)",
    r"(touched|groped|grabbed) me", r"groped", r"touched (me )?inappropriately",
    r"(officer|staff)( [a-z]+){0,3} (was|were|is|are) (rude|arrogant)",
    # "the guy at the airport immigration desk was super rude, yelled at my wife"
    r"(guy|man|woman|lady|officer|officers|staff|agent|he|she|they)( [a-z]+){0,6} (was|were|is|"
    r"are) (so |super |very |really |extremely |incredibly |quite )?(rude|arrogant|abusive|"
    r"aggressive|hostile)",
    r"(yell|yelled|yelling|shout|shouted|shouting|scream|screamed|screaming|swore|sworn) at",
    r"(petugas|pegawai|oknum|staf|staff)(nya)?( [a-z0-9]+){0,3} (genit|mesum|cabul|ganjen|centil)",
    # An officer asking a complainant for their own number: "petugas yang minta nomor wa saya",
    # "mas di loket minta no wa ku", "dimintai nomor wa pribadi", "asked for my number". A form's
    # "dimintai nomor hp dan email" and "minta nomor tiket" are not; nor is the person's own
    # "(saya) minta nomor wa saya diganti" (no word of the person between asker and asking).
    rf"{_ASKER}( (?!saya |sy |aku |gue |gw )[a-z0-9]+){{0,2}} {_ASK_FOR} {_HANDLE}"
    r"( (pribadi|sendiri))? (saya|sy|aku|ku|gue|gw|istri|suami|anak|adik|kakak)",
    rf"{_ASKER}( (?!saya |sy |aku |gue |gw )[a-z0-9]+){{0,2}} {_ASK_FOR} "
    r"(nomorku|nomerku|waku|hpku)",
    # asked of the person (passive): "boleh minta nomor wa pribadi petugas?" is the person asking
    rf"di(minta|mintai|mintain|mintak|tanya|tanyai|tanyain) {_HANDLE} pribadi",
    r"di(minta|mintai|mintain|mintak|tanya|tanyai|tanyain) (nomor |nomer |no |nmr )?"
    r"(wa|whatsapp|ig|instagram|fb|facebook)( [a-z0-9]+){0,2} (sama|sm|ama|oleh|dari|dr) "
    r"(petugas|pegawai|staf|staff|oknum|satpam|bapak|ibu|mas|mbak|om)",
    r"(asked|asking|asks|wanted|wants|demanded|requested)( me)?( for)? my (personal |private |"
    r"own |mobile |cell )?(number|whatsapp|whatsapp number|wa|wa number|instagram|ig|socials|"
    r"digits)",
    # asked out: "ngajak ketemuan", "diajak kencan", "asked me out"
    r"(ngajak|ngajakin|mengajak|ajak|ajakin|diajak|diajakin)( saya| sy| aku| gue)? (ketemuan|"
    r"ketemu (di luar|diluar|berdua)|kencan|berkencan|nge ?date|dating|date|jalan berdua|"
    r"jalan jalan|jalan2|makan malam|dinner|nonton|ngopi|nongkrong|pacaran|nikah|kawin|ke hotel|"
    r"check in|ngamar|ke rumahnya|ke kosnya)",
    r"(di)?godain", r"digoda", r"menggoda (saya|sy|aku|istri|anak)",
    r"asked (me|her) out", r"(asked|invited) (me|her) (out )?(on|for) a date",
    r"hit(ting)? on (me|her)",
    r"flirt(ed|ing|s)? with (me|her|my)",
    r"(wanted|asked) (me|her) to (meet|go out|have dinner|have coffee)( with)?( him| her)? "
    r"(outside|after|alone|privately|tonight)",
    # messages at night: "chat2 saya malam2", "wa saya tengah malam", "ditelpon malam malam"
    rf"{_MESSAGED}( (chat|chat2|wa|sms|telpon|telepon))? (saya|sy|aku|ku|gue|gw|istri|anak)"
    rf"( [a-z0-9]+){{0,3}} {_NIGHT}",
    r"di ?(chat|chat2|chatin|wa|wain|sms|dm|japri|telpon|telepon|telfon|telponin)"
    rf"( [a-z0-9]+){{0,3}} {_NIGHT}",
    r"(text|texted|texting|texts|message|messaged|messaging|messages|call|called|calling|calls|dm|"
    r"dmed|dming|whatsapped|whatsapping) (me|her)( [a-z]+){0,3} (at night|late at night|"
    r"at midnight|every night|all night|late night|in the middle of the night)",
    r"(kept|keeps|keep|kept on|keeps on) (texting|messaging|calling|dming|whatsapping|chatting) "
    r"(me|her)",
    # touched: "pegang2 tangan saya", "paha saya diraba", "touched my waist"
    r"(pegang2|pegang pegang|megang2|megang megang|dipegang2|dipegang pegang|dipegangi|raba2|"
    r"diraba|diraba raba|gerayangi|digerayangi|grepe|grepe2|digrepe|digrepein|dicolek( colek|2)?|"
    r"dicium)",
    rf"(pegang|megang|memegang|dipegang|sentuh|nyentuh|menyentuh|disentuh|elus|raba) {_BODY}",
    rf"{_BODY}( (saya|sy|aku|ku|istri saya|anak saya))? (dipegang|disentuh|diraba|dielus|"
    r"dicolek|dipegangi|dipegang2)",
    r"(touched|touching|touches|grabbed|grabbing|groped|groping|stroked|rubbed|caressed|pinched|"
    r"fondled|kissed) (my|her) (leg|legs|thigh|thighs|waist|hip|hips|butt|bottom|bum|chest|"
    r"breast|breasts|hair|face|cheek|neck|body|knee)",
    r"(kissed|hugged) (me|her)", r"tried to (kiss|touch|hug) (me|her)",
    # shouted at, insulted: "diteriaki petugas", "teriak2 ke saya", "dimaki maki"
    r"(di)?teriak(i|in)", r"meneriaki", r"neriakin",
    r"teriak( teriak|2)? (ke|sama|sm|ama|pada|kepada|di depan) (saya|sy|aku|kami|istri|suami|anak|"
    r"ibu|bapak|orang tua)",
    r"nge ?bentak(in)?", r"bentakin", r"(di|me)?maki( maki|2)?", r"dicaci( maki)?", r"mencaci",
    r"dihina", r"menghina (saya|sy|aku|kami|istri|suami|anak)", r"dikata katain", r"dikatain",
    r"ngatain (saya|sy|aku|kami|istri|suami|anak)",
    r"marah( marah|2) (ke|sama|sm|ama|pada|kepada) (saya|sy|aku|kami|istri|suami|anak)",
    r"(insulted|cursed at|humiliated) (me|us|her|my)", r"called (me|her) (stupid|an idiot|names)",
    # threatened
    r"ngancam(in)?", r"(di|ng|meng)ancem(in)?", r"threatening", r"made threats",
    r"intimidat(ed|ing)",
    # filmed: "merekam saya diam diam pakai hp", "difoto diam2", "filmed me"
    r"(merekam|ngerekam|rekam|memotret|motret|moto|motoin|fotoin|ngefoto|ngefotoin|memfoto|"
    r"videoin|ngevideo|ngevideoin|memvideo|difoto|difotoin|dipotret|direkam|divideo|divideoin)"
    r"( (saya|sy|aku|kami|istri|anak|ku))?( [a-z]+){0,3} (diam diam|diam2|diem diem|diem2|"
    r"tanpa izin|tanpa ijin|tanpa permisi|pakai hp|pake hp|pakai hape|pake hape|pakai handphone|"
    r"pake handphone|hp pribadi|hpnya|hp nya)",
    r"(ngevideoin|videoin|divideoin) (saya|sy|aku|kami|istri|anak)",
    r"(filmed|videoed|videotaped) (me|her|us)", r"secretly (filmed|recorded|photographed|took|"
    r"filming|recording)",
    r"(recorded|photographed|took (photos|pictures|a photo|a picture|videos|a video) of) "
    r"(me|her|us)( [a-z]+){0,3} (with|on) (his|her|their) (own )?(phone|mobile|cellphone|cell)"]
# Fear that an insider or an officer learns of the report: "saya takut kalau dia tahu", "takut
# ketahuan petugas", "I am scared the agent knows people in the office", Malay "takut pegawai
# tahu". It names no levy and no conduct (so no type for a story: `delicate_kind` leaves it out),
# but a person afraid that someone inside the office finds out must not be read by the group,
# where that someone may sit. Fear of other things ("takut paspor saya hilang", "takut
# terlambat") and a kind officer ("petugas loket ramah sekali") are ordinary talk.
_INSIDER = (r"(dia|dianya|beliau|petugas|petugasnya|pegawai|pegawainya|staf|staff|stafnya|oknum|"
            r"oknumnya|orangnya|bapak itu|bapaknya|ibu itu|ibunya|mas itu|mbak itu|calo|calonya|"
            r"agen|agennya|ejen|ejennya|orang tengah|orang kantor|orang imigrasi|orang imigresen|"
            r"orang dalam|atasan(nya)?|mereka)( (itu|tu|tersebut))?")
_FEAR_WORD = r"(takut|takutnya|khawatir|kuatir|was was|cemas|ngeri|risau|bimbang)"
_FEAR = [
    # "saya takut kalau dia tahu", "takut nanti petugasnya tau", Malay "takut pegawai tahu"
    rf"{_FEAR_WORD}( (kalau|kalo|klo|kl|klu|jika|jikalau|bila|nanti|ntar|nnti|sampai|sampe|"
    rf"kalau kalau|kalo kalo))*( (si|sang))? {_INSIDER}( (akan|bakal|nanti|ntar|sampai|sampe|"
    rf"sudah|udah|udh|jadi))? (tahu|tau|tw|mengetahui|"
    r"ketahui|dengar|denger|baca|lihat|liat|nyari|cari|membalas|balas dendam|dendam|marah)",
    # "takut ketahuan petugas", "takut diketahui oknumnya"
    rf"{_FEAR_WORD}( (kalau|kalo|klo|nanti))? (ketahuan|diketahui|kedengaran|terdengar|"
    rf"dibaca|dilihat|dicari|dibalas)( (oleh|sama|sm|ama|sama si))? {_INSIDER}",
    # a broker or an officer with friends inside: "dia kenal orang dalam", "agen itu punya
    # kenalan di kantor imigrasi"
    r"(kenal|kenalan|teman|temen|koneksi|saudara|sodara|keluarga)( [a-z]+){0,2} (orang dalam|"
    r"(di dalam|didalam) (kantor|imigrasi|kanim))",
    r"(dia|calo|calonya|agen|agennya|agent|orang itu|bapak itu|oknum|oknumnya)( [a-z]+){0,2} "
    r"(punya|ada) (kenalan|teman|temen|koneksi|orang|saudara|sodara|beking|backing|bekingan)"
    r"( [a-z]+){0,2} (di|dalam) (kantor|imigrasi|kanim)",
    # English: "scared the officer finds out", "afraid he will know", "worried the agent
    # knows people in the office", "he has friends inside the office"
    r"(scared|afraid|worried|fear|fearing|frightened|nervous|terrified)( that| of| if)?"
    r"( the| this| that| my)? (officer|officers|staff|agent|broker|middleman|fixer|he|she|they|"
    r"him|her|guy|man|"
    r"woman|people in the office|someone inside|insider|boss)( (will|would|may|might|could|can|"
    r"is going to|are going to|gonna))? (find|finds|found|finding) out",
    r"(scared|afraid|worried|fear|fearing|frightened|nervous|terrified)( that| of| if)?"
    r"( the| this| that| my)? (officer|officers|staff|agent|broker|middleman|fixer|he|she|they|"
    r"guy|man|woman)"
    r"( (will|would|may|might|could|can|is going to|are going to|gonna))? (know|knows|knew|"
    r"learn|learns|learned|hears about|hear about|retaliate|retaliates|take revenge)",
    r"(he|she|they|agent|broker|guy|man|woman|officer)( [a-z]+){0,2} (knows?|knew|has|have|had|"
    r"got) (people|someone|somebody|friends?|contacts?|connections?|a friend|relatives?|family)"
    r"( [a-z]+){0,2} (in|inside|at|within) (the )?(office|immigration|kanim)",
    r"(insider|insiders|(someone|somebody|people|friends?) inside (the )?(office|immigration))",
]
_LEVY_RE = re.compile(r" (" + "|".join(_LEVY) + r") ")
_CONDUCT_RE = re.compile(r" (" + "|".join(_CONDUCT) + r") ")
_DELICATE = re.compile(r" (" + "|".join(_LEVY + _CONDUCT + _FEAR) + r") ")


# "saya tidak pakai calo", "tanpa calo", "not through an agent": a broker named as not used.
_NOT_USED = re.compile(r" (tidak|tdk|gak|ga|nggak|ngga|enggak|tanpa|bukan|no|without|not|never|"
                       r"didn t|did not)( (pakai|pake|lewat|melalui|menggunakan|memakai|minta|"
                       r"use|used|using|via|through|guna|an?)){0,2} (calo|joki|makelar|ordal|"
                       r"orang dalam|orang tengah|ejen|brokers?|agents?|middlem[ae]n|fixers?|"
                       r"oknum)(?= )")


def _read(text: str) -> str:
    """`fold`, with a letter typed three times or more read once ("pungliii" -> "pungli")."""
    return re.sub(r"([a-z])\1{2,}", r"\1", fold(text))


def delicate_kind(*texts: str | None) -> str | None:
    """The sensitive complaint type a story reports, by the office's priority (a levy or a
    broker first, then an officer's conduct): "pungli", "perilaku_petugas", or None."""
    folded = _NOT_USED.sub(" ", " ".join(_read(t) for t in texts if t))
    if not folded.strip():
        return None
    if _LEVY_RE.search(folded):
        return "pungli"
    return "perilaku_petugas" if _CONDUCT_RE.search(folded) else None


def delicate(text: str | None) -> bool:
    """Does a message to the officers report an illegal levy, a broker, a bribe or an officer's
    conduct, or fear that an insider or an officer learns of it? Then the group, which may
    include the officer concerned, must not read it: it is for Kasi Tikkim and Kepala Kantor
    (the SOP's rule for sensitive complaints)."""
    return bool(text) and bool(_DELICATE.search(_read(text or "")))
