/* Aduan web chat: the page's whole behaviour, without a framework.
 * Every text reaches the page through textContent or as attributes: never as HTML (the page's
 * Content-Security-Policy enforces Trusted Types, so an HTML string would be refused anyway).
 * Messages are sent one at a time, in order, each with an id made here: a retried post is
 * recognised by the server and never handled twice; a message that cannot go for want of a
 * connection waits, in order, and goes when the connection returns (never dropped). The bot's
 * answers come back with the post and by polling, which slows down when nothing happens (and,
 * while an officer's answer is awaited, only after a long wait) and stops while the page is
 * hidden. What waits to be sent is kept in the tab's sessionStorage (never localStorage: a
 * shared phone keeps no complaint's text once the tab is closed): a reload, or the phone
 * discarding the tab, shows it again as waiting and sends it, with the same ids; so is the text
 * being typed (even before the page is ready), a photo chosen and not sent yet or waiting its
 * turn (or a smaller copy of it; one that cannot be kept is said so), a message the server
 * failed, until it is sent again or discarded, and a line for each file the server refused.
 * A request unanswered for 30 s is taken as lost and made again. */
(function () {
  "use strict";

  var TEXT = {
    id: {
      title: "Layanan Pengaduan", other: "English", other_lang: "en", log: "Percakapan",
      intro_title: "Sampaikan pengaduan Anda",
      intro_text: "Tanpa akun dan tanpa nomor telepon. Petugas menerima pengaduan Anda dan Anda " +
        "dapat mengikuti perkembangannya di halaman ini.",
      start: "Mulai", start_word: "Halo", check: "Cek status dengan nomor tiket",
      check_word: "status", choices: "Pilih jawaban:", write: "Tulis pesan",
      placeholder: "Tulis pesan…", send: "Kirim", attach: "Lampirkan foto atau PDF",
      remove: "Hapus lampiran", you: "Anda", bot: "Petugas digital", sending: "Mengirim…",
      uploading: "Mengunggah {p}%…", sent: "Terkirim", failed: "Belum terkirim.",
      retry: "Kirim ulang", discard: "Buang",
      discard_label: "Buang pesan yang belum terkirim ini",
      photo_lost: "Lampiran ini tidak tersimpan saat halaman dimuat ulang: pilih lagi, lalu kirim.",
      refused: "Berkas \"{name}\" tidak terkirim. {why}",
      too_big: "Berkas terlalu besar untuk diterima server.",
      words_back: "Keterangannya kembali ke kotak pesan.",
      pick_unkept: "Lampiran ini tidak dapat disimpan di perangkat: kirim sekarang. Bila " +
        "halaman dimuat ulang, lampiran perlu dipilih lagi.",
      pick_lost: "Lampiran \"{name}\" tidak tersimpan saat halaman dimuat ulang: pilih lagi.",
      offline: "Tidak ada koneksi. Pesan akan dikirim saat tersambung lagi.",
      waiting: "Mohon tunggu sebentar…", coming: "Balasan segera datang…",
      photo: "📷 Foto", pdf: "📄 Dokumen PDF",
      file: "📎 Berkas", too_large: "Berkas terlalu besar: paling besar {mb} MB.",
      unsupported: "Kirim foto (JPG, PNG, WebP, GIF) atau dokumen PDF.",
      choices_hint: "{n} pilihan di bawah.",
      fault: "Pesan belum terkirim karena gangguan. Ketuk Kirim ulang untuk mencoba lagi.",
      no_storage: "Browser ini tidak menyimpan sesi: catat nomor tiket dan PIN Anda.",
      close: "Tutup chat", jump: "⬇ Pilihan jawaban",
      end: "Akhiri", end_label: "Akhiri sesi di perangkat ini",
      end_confirm: "Akhiri sesi di perangkat ini?\n\nPercakapan ini tidak akan tampil lagi di " +
        "sini. Aduan Anda tetap diproses: pantau dari perangkat mana pun dengan nomor tiket " +
        "dan PIN.",
      end_confirm_plain: "Akhiri sesi di perangkat ini?\n\nPercakapan ini tidak akan tampil " +
        "lagi di sini.",
      end_confirm_draft: "Pengaduan yang sedang Anda isi BELUM TERKIRIM dan belum punya nomor " +
        "tiket.\n\nBila sesi diakhiri sekarang, pengaduan ini tidak terkirim dan tidak bisa " +
        "dilanjutkan dari perangkat lain. Untuk mengirimnya, pilih Batal lalu selesaikan sampai " +
        "\"Kirim pengaduan\".\n\nTetap akhiri tanpa mengirim pengaduan ini?",
      pin_once: "⚠️ PIN ini hanya tampil sekali. Catat sekarang (tulis atau foto layar): " +
        "setelah halaman dimuat ulang, PIN tidak tampil lagi.",
      lang_word: "bahasa indonesia"
    },
    en: {
      title: "Complaint Service", other: "Bahasa Indonesia", other_lang: "id", log: "Conversation",
      intro_title: "Tell us your complaint",
      intro_text: "No account and no phone number needed. Officers receive your complaint and " +
        "you can follow its progress on this page.",
      // Two English words, so that the bot answers in English from the first message on.
      start: "Start", start_word: "Hello there", check: "Check a status with a ticket number",
      check_word: "check status", choices: "Choose an answer:", write: "Write a message",
      placeholder: "Write a message…", send: "Send", attach: "Attach a photo or PDF",
      remove: "Remove attachment", you: "You", bot: "Digital officer", sending: "Sending…",
      uploading: "Uploading {p}%…", sent: "Sent", failed: "Not sent yet.", retry: "Send again",
      discard: "Discard", discard_label: "Discard this unsent message",
      photo_lost: "This attachment was not kept when the page reloaded: choose it again and send it.",
      refused: "The file \"{name}\" was not sent. {why}",
      too_big: "The file is too large for the server to accept.",
      words_back: "Its words are back in the message box.",
      pick_unkept: "This attachment could not be kept on the device: send it now. If the " +
        "page reloads, it must be chosen again.",
      pick_lost: "The attachment \"{name}\" was not kept when the page reloaded: choose it again.",
      offline: "No connection. Your message will be sent when you are back online.",
      waiting: "Please wait a moment…", coming: "A reply is on its way…",
      photo: "📷 Photo", pdf: "📄 PDF document",
      file: "📎 File", too_large: "The file is too large: {mb} MB at most.",
      unsupported: "Send a photo (JPG, PNG, WebP, GIF) or a PDF document.",
      choices_hint: "{n} choices below.",
      fault: "Not sent because of a fault. Tap Send again to try again.",
      no_storage: "This browser keeps no session: note down your ticket number and PIN.",
      close: "Close chat", jump: "⬇ Answer choices",
      end: "End", end_label: "End the session on this device",
      end_confirm: "End the session on this device?\n\nThis conversation will no longer show " +
        "here. Your complaint is still handled: follow it from any device with your ticket " +
        "number and PIN.",
      end_confirm_plain: "End the session on this device?\n\nThis conversation will no longer " +
        "show here.",
      end_confirm_draft: "The complaint you are writing has NOT BEEN SENT and has no ticket " +
        "number.\n\nIf you end the session now, it is not sent and cannot be continued from " +
        "another device. To send it, choose Cancel and finish it up to \"Send complaint\"." +
        "\n\nEnd anyway without sending this complaint?",
      pin_once: "⚠️ This PIN is shown only once. Note it down now (write it or take a " +
        "screenshot): after a reload it is not shown again.",
      lang_word: "english please"
    }
  };
  // While an officer's answer is awaited (talking to the officers) and the page is shown, it
  // looks this often: the answer appears within a few seconds, not after the idle 30 s. After
  // OFFICER_PATIENCE without an answer (or a word from the person) it slows down gradually,
  // 3 s more each minute, to the idle pace: a tab left open all day is no drain on a phone.
  var OFFICER_POLL = 3000, OFFICER_PATIENCE = 600000, IDLE_POLL = 30000;
  var UNSENT = "aduan.unsent", TYPED = "aduan.typed", PICKED = "aduan.picked",
    NOTES = "aduan.notes", EARLY = "aduan.early";
  // A file waiting to be sent is kept with the texts as a data URL of at most this many
  // characters (the tab's storage holds about 5 MB in all): as it is when small enough, else a
  // photo as a smaller JPEG; one that does not fit is shown after a reload as to be sent again.
  var KEEP_CHARS = 1400000;
  // A request with no answer after this long is taken as lost (a connection that died without
  // a word): a post goes again with its id, a poll looks again. Never waiting for ever, the
  // queue and the polls cannot stall behind one dead request.
  var GIVE_UP_AFTER = 30000;
  var LIMITS = { text: 4000, upload_bytes: 16 * 1024 * 1024,
                 types: ["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"] };

  var $ = function (id) { return document.getElementById(id); };
  var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  var params = new URLSearchParams(window.location.search);
  var embedded = params.get("embed") === "1" || window.self !== window.top;
  var saved = keeper();
  var S = {
    lang: params.get("lang") === "en" || (!params.get("lang") && saved.get("aduan.lang") === "en")
      ? "en" : "id",
    csrf: "", token: embedded ? saved.get("aduan.session") : null, cursor: 0, keys: {},
    limits: LIMITS, queue: [], failed: [], seq: 0, busy: false, file: null, preview: null, timer: null,
    picked: null, last: null, nodes: {},
    delay: 2000, fastUntil: 0, booted: false, early: false, restart: null, hold: null, wiped: false, endMark: saved.get("aduan.ended"),
    seen: { top: 0, height: 0 }, wait: { officer: false, coming: null }, coming: null,
    retry: null, due: 0, lively: Date.now()
  };

  function keeper() {   // localStorage, or a memory stand-in where it is blocked
    var memory = {};
    try {
      window.localStorage.setItem("aduan.test", "1");
      window.localStorage.removeItem("aduan.test");
      return { ok: true,
               get: function (k) { return window.localStorage.getItem(k); },
               set: function (k, v) { window.localStorage.setItem(k, v); } };
    } catch (e) {
      return { ok: false, get: function (k) { return memory[k] || null; },
               set: function (k, v) { memory[k] = v; } };
    }
  }

  // The messages waiting to be sent, and those the server failed (until sent again or
  // discarded), in this tab only (see the top), in the order they were written. They belong
  // to the session they were written in: its CSRF token (tied to it) marks them.
  function keepUnsent() {
    var items = S.queue.concat(S.failed).sort(function (a, b) { return a.seq - b.seq; })
      .map(function (i) {
        var out = { id: i.id, text: i.text };
        if (i.failed) { out.failed = i.failed; }
        if (i.file) { out.file = i.kept || { type: i.file.type, name: i.file.name || "" }; }
        if (i.lost) { out.file = { type: i.lost, name: "" }; }
        return out;
      });
    // Too much for the storage: the latest files' copies go first (each then said to be lost).
    for (var n = items.length; n >= 0; n -= 1) {
      try {
        if (items.length) {
          window.sessionStorage.setItem(UNSENT, JSON.stringify({ of: S.csrf, items: items }));
        } else {
          window.sessionStorage.removeItem(UNSENT);
        }
        return;
      } catch (e) {
        var last = items.filter(function (i) { return i.file && i.file.data; }).pop();
        if (!last) { return; }    /* no storage: they wait in memory only */
        last.file = { type: last.file.type, name: last.file.name };
      }
    }
  }

  function keptUnsent(arrived) {   // those kept for this session that the server has not got
    var kept = null;
    try { kept = JSON.parse(window.sessionStorage.getItem(UNSENT) || "null"); } catch (e) { kept = null; }
    if (!kept || kept.of !== S.csrf || !kept.items) { return []; }
    return kept.items.filter(function (i) { return i && i.id && (i.text || i.file) && !arrived[i.id]; });
  }

  // A file waiting in the queue, made keepable (see KEEP_CHARS), a moment after it was queued
  // (one sent at once is not worth the work), then kept with the rest.
  function keepFile(item) {
    window.setTimeout(function () {
      if (!item.file || item.kept || !held(item)) { return; }
      keepable(item.file, function (kept) {
        if (kept && held(item)) { item.kept = kept; keepUnsent(); }
      });
    }, 800);
  }

  function keepable(file, done) {   // {type, name, data} within KEEP_CHARS, or null
    var made = function (data, type) {
      done(data && data.length <= KEEP_CHARS ? { type: type, name: file.name || "", data: data }
        : null);
    };
    if (file.size * 1.34 + 64 <= KEEP_CHARS) {
      var reader = new FileReader();
      reader.onload = function () { made(String(reader.result), file.type); };
      reader.onerror = function () { done(null); };
      reader.readAsDataURL(file);
    } else if (file.type.indexOf("image/") === 0) {
      shrink(file, function (data) { made(data, "image/jpeg"); });
    } else { done(null); }
  }

  // A photo or PDF chosen and shown, not sent yet, is kept like the queued ones: first what it
  // is (so that one that cannot be kept is said so after a reload), then the keepable copy.
  // The tab's storage full: the person is told now, not after the reload.
  function keepPicked(file) {
    if (!store(PICKED, { of: S.csrf, type: file.type, name: file.name || "" })) {
      status(t("pick_unkept"), true);
      return;
    }
    keepable(file, function (copy) {
      if (S.file !== file) { return; }
      if (copy && store(PICKED, { of: S.csrf, type: copy.type, name: copy.name, data: copy.data })) {
        S.picked = copy;
      } else { status(t("pick_unkept"), true); }
    });
  }

  function store(key, value) {   // false when the tab's storage refuses it (full, or none)
    try {
      if (value === null) { window.sessionStorage.removeItem(key); }
      else { window.sessionStorage.setItem(key, JSON.stringify(value)); }
      return true;
    } catch (e) { return false; }
  }

  function keptFor(key) {   // what this tab kept for this session (or before it had one)
    try {
      var value = JSON.parse(window.sessionStorage.getItem(key) || "null");
      return value && (value.of === S.csrf || value.of === "") ? value : null;
    } catch (e) { return null; }
  }

  // A file the server refused for good (its size, its kind) leaves a line in the transcript
  // saying so, in the person's language, after the message it followed: a reload does not
  // make it vanish without a word.
  function note(text, after) {
    var item = make("li", "note", text);
    var at = after ? S.nodes[after] : null;
    var log = $("log");
    if (after === undefined || (after && !at)) { log.appendChild(item); }
    else {
      var next = at ? at.nextSibling : log.firstChild;
      while (next && next.className === "note") { next = next.nextSibling; }
      log.insertBefore(item, next);
    }
  }

  function keepNote(text) {
    var notes = keptFor(NOTES) || { items: [] };
    notes.of = S.csrf;
    notes.items = notes.items.concat([{ after: S.last, text: text }]).slice(-20);
    store(NOTES, notes);
  }

  function held(item) { return S.queue.indexOf(item) >= 0 || S.failed.indexOf(item) >= 0; }

  function shrink(file, done) {   // a photo too big to keep, as a smaller JPEG (or nothing)
    var image = new Image();
    var url = URL.createObjectURL(file);
    image.onerror = function () { URL.revokeObjectURL(url); done(null); };
    image.onload = function () {
      URL.revokeObjectURL(url);
      var canvas = document.createElement("canvas");
      var sizes = [[1600, 0.8], [1280, 0.7], [960, 0.6]];
      for (var k = 0; k < sizes.length; k += 1) {
        var scale = Math.min(1, sizes[k][0] / Math.max(image.naturalWidth, image.naturalHeight));
        canvas.width = Math.round(image.naturalWidth * scale);
        canvas.height = Math.round(image.naturalHeight * scale);
        var paint = canvas.getContext("2d");
        paint.fillStyle = "#fff";            // (a transparent PNG on white, not black)
        paint.fillRect(0, 0, canvas.width, canvas.height);
        paint.drawImage(image, 0, 0, canvas.width, canvas.height);
        var data = canvas.toDataURL("image/jpeg", sizes[k][1]);
        if (data.length <= KEEP_CHARS) { done(data); return; }
      }
      done(null);
    };
    image.src = url;
  }

  function fileOf(kept) {   // a kept file back as one to send
    var raw = window.atob(kept.data.slice(kept.data.indexOf(",") + 1));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
    try { return new File([bytes], kept.name || "berkas", { type: kept.type }); } catch (e) {
      return new Blob([bytes], { type: kept.type });
    }
  }

  // What is typed in the message box and not sent yet, kept the same way: a phone that drops
  // the tab while the person takes a photo of the receipt does not lose a long story. Typed
  // before the page knows its session (a slow start), it is kept apart (EARLY), put back in
  // the box at once after a reload, and joins what the session kept once the page is ready.
  function keepTyped() {
    var text = $("text").value;
    if (!S.csrf) { store(EARLY, text ? { of: "", text: text } : null); return; }
    store(TYPED, text ? { of: S.csrf, text: text } : null);
    store(EARLY, null);
  }

  function keptTyped() {
    try {
      var kept = JSON.parse(window.sessionStorage.getItem(TYPED) || "null");
      return kept && kept.of === S.csrf && typeof kept.text === "string" ? kept.text : "";
    } catch (e) { return ""; }
  }

  function t(key, values) {
    var text = TEXT[S.lang][key] || TEXT.id[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // --- language ---------------------------------------------------------------------------
  function applyLanguage() {
    document.documentElement.lang = S.lang;
    document.title = t("title") + " · " + document.title.split(" · ").slice(1).join(" · ");
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (node) {
      node.textContent = t(node.getAttribute("data-t"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-label]"), function (node) {
      node.setAttribute("aria-label", t(node.getAttribute("data-t-label")));
      if (node.tagName === "BUTTON") { node.setAttribute("title", t(node.getAttribute("data-t-label"))); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-placeholder]"), function (node) {
      node.setAttribute("placeholder", t(node.getAttribute("data-t-placeholder")));
    });
    var button = $("lang");
    button.textContent = t("other");
    button.setAttribute("lang", t("other_lang"));
    Array.prototype.forEach.call(document.querySelectorAll(".speaker"), function (node) {
      node.textContent = t(node.getAttribute("data-who")) + ": ";
    });
  }

  function switchLanguage() {
    S.lang = S.lang === "en" ? "id" : "en";
    saved.set("aduan.lang", S.lang);
    applyLanguage();
    // Once the conversation has begun, the bot switches too (the engine reads "english
    // please" / "bahasa indonesia" in any state and asks its question again in that language):
    // the page and the bot must not speak two languages.
    if (S.booted && $("intro").hidden) { send(t("lang_word"), null); }
  }

  // The bot answers a person who writes English in English (and back): the page's own labels
  // follow the language the conversation now speaks, before its new bubbles are shown.
  function follow(lang) {
    if ((lang !== "id" && lang !== "en") || lang === S.lang) { return; }
    S.lang = lang;
    saved.set("aduan.lang", lang);
    applyLanguage();
  }

  // --- showing messages -------------------------------------------------------------------
  var RICH = /(\*[^*\n]+\*)|(https?:\/\/[^\s<>"']*[^\s<>"'.,;:!?)\]])|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

  function fill(node, text) {   // *bold*, links and e-mail addresses; everything else as text
    var last = 0, match;
    RICH.lastIndex = 0;
    while ((match = RICH.exec(text)) !== null) {
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      if (match[1]) {
        node.appendChild(make("strong", null, match[1].slice(1, -1)));
      } else {
        var link = make("a", null, match[0]);
        link.href = match[2] ? match[2] : "mailto:" + match[3];
        link.rel = "noopener noreferrer";
        link.target = "_blank";
        node.appendChild(link);
      }
      last = match.index + match[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function fileLabel(type) {
    if (type.indexOf("image/") === 0) { return t("photo"); }
    return type === "application/pdf" ? t("pdf") : t("file");
  }

  function timeOf(iso) {
    var when = iso ? new Date(iso) : new Date();
    try {
      return when.toLocaleTimeString(S.lang === "en" ? "en-GB" : "id-ID",
                                     { hour: "2-digit", minute: "2-digit" });
    } catch (e) { return ""; }
  }

  function nearBottom() {
    var box = $("scroller");
    return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
  }

  function toBottom() {
    var box = $("scroller");
    box.scrollTop = box.scrollHeight;
    mark();
  }

  function bubble(who, text, files, at, image) {
    var item = make("li", "msg " + (who === "you" ? "me" : "bot"));
    var body = make("div", "bubble");
    var speaker = make("span", "sr-only speaker", t(who) + ": ");
    speaker.setAttribute("data-who", who);
    body.appendChild(speaker);
    if (image) {
      var img = make("img");
      img.src = image;
      img.alt = "";
      body.appendChild(img);
    }
    (files || []).forEach(function (type) { body.appendChild(make("span", "file-line", fileLabel(type))); });
    if (text) { fill(body, text); }
    item.appendChild(body);
    item.appendChild(make("span", "meta", timeOf(at)));
    return item;
  }

  function show(message) {
    if (S.keys[message.key]) { return; }
    S.keys[message.key] = true;
    var stick = nearBottom() || message.by === "person";
    var item = bubble(message.by === "bot" ? "bot" : "you", message.text, message.files, message.at);
    S.nodes[message.key] = item;
    S.last = message.key;
    if (message.pin) {   // the PIN is handed over this once: say so before it is gone
      item.querySelector(".bubble").appendChild(make("span", "file-line pin-once", t("pin_once")));
    }
    if (message.choices && message.choices.length) {
      item.querySelector(".bubble").appendChild(
        make("span", "sr-only", " " + t("choices_hint", { n: message.choices.length })));
    }
    $("log").appendChild(item);
    $("intro").hidden = true;
    // The person's own message answers the question before it: its buttons are gone (a page
    // reloaded before the bot's reply came must not offer them again).
    choices(message.by === "bot" ? message.choices || [] : []);
    if (stick) { reveal(item); }
  }

  function reveal(item) {   // the newest bubble from its start when it and its choices overflow
    var box = $("scroller");
    var top = item.offsetTop - box.offsetTop - 8;
    if (box.scrollHeight - top > box.clientHeight) { box.scrollTop = top; mark(); } else { toBottom(); }
  }

  function choices(labels) {
    var list = $("choice-list");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    list.className = "choice-list" + (labels.some(function (l) { return l.length > 18; }) ||
                                      labels.length > 4 ? " long" : "");
    labels.forEach(function (label) {
      var button = make("button", "choice", label);
      button.type = "button";
      button.addEventListener("click", function () {
        send(label, null);
        // The buttons go: keep the focus in the conversation (on a phone without popping up
        // the keyboard; elsewhere in the message box, ready for the next answer).
        if (coarse) { $("log").focus(); } else { $("text").focus(); }
      });
      list.appendChild(button);
    });
    $("choices").hidden = labels.length === 0;
    window.setTimeout(pointToChoices, 50);
  }

  function pointToChoices() {   // the buttons are below the fold: offer a way down to them
    var box = $("scroller");
    var group = $("choices");
    var below = !group.hidden && group.offsetTop - box.offsetTop > box.scrollTop + box.clientHeight - 40;
    $("jump").hidden = !below;
  }

  // The conversation keeps its lower edge in place when its box changes height (the phone's
  // keyboard opening or closing, a status line or an attachment appearing, the message box
  // growing): the newest bubble stays in sight above the composer instead of sliding under it.
  // Where it was is noted at each scroll and each move made here.
  function mark() {
    var box = $("scroller");
    S.seen = { top: box.scrollTop, height: box.clientHeight, end: atEnd(box) };
  }

  function atEnd(box) { return box.scrollHeight - box.scrollTop - box.clientHeight < 2; }

  function anchor() {
    var box = $("scroller");
    mark();
    var settle = function () {
      var now = box.clientHeight;
      if (now === S.seen.height) { return; }
      // At the end of the conversation it stays at the end (the browser may already have
      // pulled a growing box's scroll back, and told it as a scroll: made up for twice, the
      // newest bubble would slip under the composer); elsewhere the lower edge stays put.
      box.scrollTop = S.seen.end ? box.scrollHeight : S.seen.top + S.seen.height - now;
      mark();
      pointToChoices();
    };
    // (a scroll notes only where: the height it is seen with may already be the new one, and
    // the change is the observer's to make up for)
    box.addEventListener("scroll", function () {
      S.seen.top = box.scrollTop;
      S.seen.end = atEnd(box);
    }, { passive: true });
    if (window.ResizeObserver) { new window.ResizeObserver(settle).observe(box); }
    window.addEventListener("resize", settle);
  }

  function status(text, warn) {
    var line = $("status");
    line.textContent = text || "";
    line.className = "status" + (warn ? " warn" : "");
  }

  function accept(answer) {
    if (answer.standing) { S.standing = answer.standing; }
    follow(answer.lang);
    (answer.messages || []).forEach(show);
    if (typeof answer.cursor === "number" && answer.cursor > S.cursor) { S.cursor = answer.cursor; }
    var got = (answer.messages || []).length;
    if (got) { S.lively = Date.now(); }
    expect(answer.wait, got);
    return got;
  }

  // A reply scheduled a few seconds after the person's bubble (the bot waits for more of the
  // story, or to gather messages for the officers): the page says it is on its way, looks for
  // it when it is due, and stops saying so when it came (or much later, if it never does).
  function expect(wait, got) {
    if (wait) { S.wait = wait; }
    var coming = wait && typeof wait.coming === "number" ? wait.coming : null;
    if (coming !== null) {
      S.due = Date.now() + 1000 * coming;
      window.clearTimeout(S.coming);
      S.coming = window.setTimeout(unexpect, 1000 * coming + 20000);
      status(t("coming"));
    } else if (S.coming !== null && (got || wait)) {
      unexpect();
    }
  }

  function unexpect() {
    window.clearTimeout(S.coming);
    S.coming = null;
    if ($("status").textContent === t("coming")) { status(""); }
  }

  function pace(delay) {   // the next poll: sooner while a reply is due or an officer awaited
    if (S.wait.officer) {
      var waited = Date.now() - S.lively;   // since the last message either way, or a look
      delay = Math.min(delay, waited <= OFFICER_PATIENCE ? OFFICER_POLL
        : Math.min(IDLE_POLL, OFFICER_POLL + (waited - OFFICER_PATIENCE) / 20));
    }
    if (S.due) {
      var left = S.due - Date.now();
      if (left > -1000) { delay = Math.min(delay, Math.max(1000, left + 300)); } else { S.due = 0; }
    }
    return delay;
  }

  // --- talking to the server --------------------------------------------------------------
  function headers(extra) {
    var out = { "X-Aduan-Lang": S.lang, "X-CSRF-Token": S.csrf };
    if (S.token) { out["X-Aduan-Session"] = S.token; }
    Object.keys(extra || {}).forEach(function (k) { out[k] = extra[k]; });
    return out;
  }

  function failure(status, body) {
    var error = new Error((body && body.message) || "");
    error.status = status;
    error.code = body && body.error;
    error.retryAfter = body && body.retry_after;
    return error;
  }

  function call(method, path, json) {
    var options = { method: method, credentials: "same-origin", cache: "no-store",
                    headers: headers(json ? { "Content-Type": "application/json" } : {}) };
    if (json) { options.body = JSON.stringify(json); }
    var stop = window.AbortController ? new window.AbortController() : null;
    var timer = null;
    if (stop) {
      options.signal = stop.signal;
      timer = window.setTimeout(function () { stop.abort(); }, GIVE_UP_AFTER);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return stop && stop.signal.aborted ? null : {}; })
        .then(function (body) {
          window.clearTimeout(timer);
          if (body === null) { throw failure(0, null); }    // cut off while it was read
          if (!response.ok) { throw failure(response.status, body); }
          return body;
        });
    }, function () { window.clearTimeout(timer); throw failure(0, null); });
  }

  function upload(item) {   // XMLHttpRequest, for its upload progress on slow connections
    return new Promise(function (resolve, reject) {
      var form = new FormData();
      form.append("id", item.id);
      form.append("after", String(S.cursor));
      form.append("text", item.text || "");
      form.append("file", item.file, item.file.name || "berkas");
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/chat/api/upload");
      xhr.withCredentials = true;
      var h = headers();
      Object.keys(h).forEach(function (k) { xhr.setRequestHeader(k, h[k]); });
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          status(t("uploading", { p: Math.floor(100 * event.loaded / event.total) }));
        }
      };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status >= 200 && xhr.status < 300) { resolve(body); } else { reject(failure(xhr.status, body)); }
      };
      xhr.onerror = xhr.ontimeout = function () { reject(failure(0, null)); };
      // (no time limit on the whole: a big photo on a slow connection takes minutes; one that
      // stops moving for GIVE_UP_AFTER is taken as lost, and goes again)
      var moved = Date.now();
      xhr.upload.addEventListener("progress", function () { moved = Date.now(); });
      var watch = window.setInterval(function () {
        if (xhr.readyState === 4) { window.clearInterval(watch); }
        else if (Date.now() - moved > GIVE_UP_AFTER) {
          window.clearInterval(watch);
          xhr.abort();
          reject(failure(0, null));
        }
      }, 5000);
      xhr.send(form);
    });
  }

  function newId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // --- sending, one message at a time, in order ---------------------------------------------
  function send(text, file, copy) {
    if (!S.booted) { return; }
    choices([]);
    $("intro").hidden = true;
    $("end").hidden = false;
    S.lively = Date.now();
    line({ id: newId(), text: text, file: file, kept: copy || null, tries: 0 });
    pump();
  }

  function line(item) {   // its bubble, marked as on its way, at the end of the queue
    item.seq = S.seq += 1;
    var type = item.file ? item.file.type : item.lost;
    item.node = bubble("you", item.text, type ? [type] : [], null,
                       item.file && item.file.type.indexOf("image/") === 0
                         ? URL.createObjectURL(item.file) : null);
    item.meta = item.node.querySelector(".meta");
    item.meta.textContent = t("sending");
    $("log").appendChild(item.node);
    toBottom();
    if (item.failed) { failed(item); return; }
    S.queue.push(item);
    keepUnsent();
    if (item.file) { keepFile(item); }
  }

  function pump() {
    // (not while the server asked to wait: a message sent meanwhile waits behind, too)
    if (S.busy || !S.queue.length || S.hold) { return; }
    window.clearTimeout(S.retry);
    var item = S.queue[0];
    S.busy = true;
    status(item.file ? t("uploading", { p: 0 }) : t("sending"));
    var posting = item.file ? upload(item)
      : call("POST", "/chat/api/messages", { id: item.id, text: item.text, after: S.cursor });
    item.offline = false;
    posting.then(function (answer) {
      S.queue.shift();
      keepUnsent();
      S.busy = false;
      status("");
      accept(answer);
      item.meta.textContent = timeOf() + " · " + t("sent");
      hurry();
      pump();
    }, function (error) {
      S.busy = false;
      if (error.status === 429 || error.status === 503) {       // calm: wait, then the same id
        status(error.message || t("waiting"));
        S.hold = window.setTimeout(function () { S.hold = null; pump(); },
                                   1000 * (error.retryAfter || 3));
      } else if (error.status === 0) {
        // No connection: an outage delays, it never drops. The message stays first in line
        // (those after it wait behind it, in order) and goes again with the same id, so the
        // server handles it once even if an earlier try did arrive: after a growing wait (at
        // most 30 s), and at once when the browser is back online or a poll gets through.
        item.tries += 1;
        item.offline = true;
        status(t("offline"), true);
        window.clearTimeout(S.retry);
        S.retry = window.setTimeout(pump, 1000 * Math.min(30, Math.pow(2, item.tries)));
      } else if (error.status === 401 || error.status === 403 || error.status === 409) {
        // The session this page belongs to is gone (ended in another tab, or replaced by the
        // next person's): never send this message into another session; the page clears.
        wipe();
      } else if (error.status === 413 || error.status === 415) {
        // A file refused for its size or its kind: sending it again changes nothing, so the
        // person is told why and offered no "send again", only a way to pick another file.
        // (a proxy's own 413 page says nothing: too large for it, whatever the app allows)
        giveUp(item, error.message || t(error.status === 413 ? "too_big" : "unsupported"), true);
      } else {
        giveUp(item, error.message || t("fault"));
      }
    });
  }

  function giveUp(item, why, refused) {   // kept with a button to send it again (same id),
    S.queue.shift();                         // unless the server refused it for good
    S.busy = false;
    status(why, true);
    if (refused) {
      keepUnsent();
      var type = item.file ? item.file.type : "";
      keepNote(t("refused", { name: (item.file && item.file.name) || fileLabel(type), why: why }));
      if (item.text) {   // the words did not go either: back in the box, to send or add to
        var box = $("text");
        if (box.value.indexOf(item.text) < 0) {
          box.value = item.text + (box.value ? "\n" + box.value : "");
          grow();
          keepTyped();
        }
        status(why + " " + t("words_back"), true);
      }
      item.meta.textContent = t("failed") + " " + why;
      item.meta.className = "meta failed";
      pump();
      return;
    }
    item.failed = why;
    failed(item);
    pump();
  }

  // A message the server failed, or a kept one whose file was lost: marked, with "send again"
  // (not for a file that is gone and no text) and "discard"; kept across a reload until then.
  function failed(item) {
    S.failed.push(item);
    keepUnsent();
    item.meta.textContent = t("failed") + (item.lost ? " " + t("photo_lost") : "");
    item.meta.className = "meta failed";
    var actions = make("div", "actions");
    var again = function () {
      item.node.removeChild(actions);
      S.failed.splice(S.failed.indexOf(item), 1);
      item.failed = null;
    };
    if (item.file || item.text) {
      var retry = make("button", "retry", t("retry"));
      retry.type = "button";
      retry.addEventListener("click", function () {
        again();
        if (item.lost) {   // the words go; the file is to be chosen again
          item.lost = null;
          var gone = item.node.querySelector(".file-line");
          if (gone) { gone.parentNode.removeChild(gone); }
        }
        item.meta.className = "meta";
        item.meta.textContent = t("sending");
        item.tries = 0;
        item.seq = S.seq += 1;     // (it goes after those waiting, and is kept so)
        S.queue.push(item);
        keepUnsent();
        pump();
      });
      actions.appendChild(retry);
    }
    var drop = make("button", "retry discard", t("discard"));
    drop.type = "button";
    drop.setAttribute("aria-label", t("discard_label"));
    drop.addEventListener("click", function () {
      again();
      item.node.parentNode.removeChild(item.node);
      keepUnsent();
      if (!S.failed.length && !S.queue.length) { status(""); }   // (its warning, too)
      $("text").focus();
    });
    actions.appendChild(drop);
    item.node.appendChild(actions);
  }

  // --- polling ------------------------------------------------------------------------------
  function hurry() {   // after a message: look often for a while (a reply may be scheduled)
    S.fastUntil = Date.now() + 15000;
    schedule(1000);
  }

  function schedule(delay) {
    window.clearTimeout(S.timer);
    S.delay = delay;
    S.timer = window.setTimeout(poll, delay);
  }

  function poll() {
    if (document.hidden || !S.booted) { return; }
    if (endedElsewhere()) { wipe(); return; }
    call("GET", "/chat/api/messages?after=" + S.cursor).then(function (answer) {
      var got = accept(answer);
      // The connection works again: what waits to be sent goes now, in order.
      // (not one the server asked to wait for: its own retry comes when the server said)
      if (S.queue.length && !S.busy && S.queue[0].offline) { status(""); pump(); }
      // (never below 1 s: a poll made at once, schedule(0) when the tab is shown again, must
      // not turn into a loop of immediate polls)
      schedule(pace(Date.now() < S.fastUntil ? 1000 : got ? 2000
        : Math.min(IDLE_POLL, Math.max(2000, S.delay * 1.5))));
    }, function (error) {
      if (error.status === 401 || error.status === 409) { wipe(); return; }
      schedule(Math.min(60000, 1000 * (error.retryAfter || S.delay / 1000 * 2)));
    });
  }

  // --- a session ended in another tab ---------------------------------------------------------
  // Every open chat page of this browser shares the session. When it ends (Akhiri in any tab),
  // each of them must drop the transcript at once: they are told through a BroadcastChannel
  // and a storage event, notice a changed end mark when they wake up, and the server answers
  // a page bound to a session that is not the browser's any more with 401/409.
  var channel = null;
  try { channel = new window.BroadcastChannel("aduan-chat"); } catch (e) { channel = null; }

  function endedElsewhere() {
    return saved.get("aduan.ended") !== S.endMark ||
      (embedded && S.token && saved.get("aduan.session") !== S.token);
  }

  function wipe() {
    if (S.wiped) { return; }
    S.wiped = true;
    S.booted = false;
    window.clearTimeout(S.timer);
    S.queue = [];
    S.failed = [];
    keepUnsent();
    $("text").value = "";
    keepTyped();
    unpick();
    store(NOTES, null);
    S.keys = {};
    var log = $("log");
    while (log.firstChild) { log.removeChild(log.firstChild); }
    choices([]);
    $("intro").hidden = false;
    $("end").hidden = true;
    status("");
    // Then start afresh on the browser's session now. A little later, and only once the tab
    // is looked at: the tab that ended it makes the new session first, and this one joins it
    // instead of making a second one at the same moment.
    var again = function () {
      if (document.hidden) { return; }
      document.removeEventListener("visibilitychange", again);
      window.setTimeout(function () { window.location.replace(window.location.href); }, 1500);
    };
    document.addEventListener("visibilitychange", again);
    again();
  }

  function announceEnd() {
    S.endMark = String(Date.now()) + Math.random().toString(36).slice(2);
    saved.set("aduan.ended", S.endMark);     // a storage event in the other tabs
    if (channel) { try { channel.postMessage({ type: "ended" }); } catch (e) { /* closed */ } }
  }

  if (channel) { channel.onmessage = function (event) {
    if (event.data && event.data.type === "ended") { wipe(); }
  }; }
  window.addEventListener("storage", function (event) {
    if (event.key === "aduan.ended" || (embedded && event.key === "aduan.session")) {
      if (endedElsewhere()) { wipe(); }
    }
  });

  // --- start ----------------------------------------------------------------------------------
  function boot(again) {
    S.restart = null;
    return call("GET", "/chat/api/state" + (embedded ? "?mode=token" : "")).then(function (state) {
      if (!again) { status(""); }      // (a warning of a failed start is old news now)
      if (state.session) {
        S.token = state.session;
        saved.set("aduan.session", state.session);
        if (!saved.ok) { status(t("no_storage"), true); }
      }
      S.csrf = state.csrf;
      S.limits = state.limits || LIMITS;
      if (state.standing) { S.standing = state.standing; }
      if (!again) {
        if (state.lang === "en" && !params.get("lang") && !saved.get("aduan.lang")) {
          S.lang = "en";
          applyLanguage();
        }
        (state.messages || []).forEach(show);
        S.cursor = state.cursor || 0;
        var notes = keptFor(NOTES);
        (notes ? notes.items : []).forEach(function (n) { note(n.text, n.after); });
        // What this tab had not sent yet when it was reloaded (or discarded) waits again, in
        // order, after the transcript; what reached the server meanwhile is in it already.
        var arrived = {};
        (state.messages || []).forEach(function (m) { if (m.id) { arrived[m.id] = true; } });
        keptUnsent(arrived).forEach(function (i) {
          var data = i.file && i.file.data;
          line({ id: i.id, text: i.text || "", tries: 0, file: data ? fileOf(i.file) : null,
                 kept: data ? i.file : null, lost: i.file && !data ? i.file.type : null,
                 failed: i.failed || (i.file && !data ? t("photo_lost") : null) });
        });
        if (S.queue.length) { choices([]); }
        keepUnsent();
        // (what was typed before the page was ready comes after what was kept; sent before it
        // was ready, it goes, and what was kept comes back in the box after it)
        var typed = keptTyped(), box = $("text");
        if (typed && box.value.indexOf(typed) < 0) {
          if (S.early) { S.early = typed; } else {
            box.value = typed + (box.value ? "\n" + box.value : "");
            grow();
          }
        }
        keepTyped();
        var chose = S.file ? null : keptFor(PICKED);   // (or chosen before it was ready)
        if (chose && chose.data) { pick(fileOf(chose), chose); }
        else if (chose) {
          store(PICKED, null);
          status(t("pick_lost", { name: chose.name || fileLabel(chose.type) }), true);
        }
        $("intro").hidden = (state.messages || []).length > 0 || S.queue.length > 0 ||
          S.failed.length > 0;
        $("end").hidden = !$("intro").hidden;
        toBottom();
        expect(state.wait, 0);
      }
      S.booted = true;
      pump();
      schedule(pace(2000));
      if (S.early) {   // sent before the page was ready
        var kept = S.early;
        S.early = false;
        submit();
        if (kept !== true) { $("text").value = kept; grow(); keepTyped(); }
      }
    }, function (error) {
      status(error.message || t("offline"), true);
      S.restart = window.setTimeout(restart, 1000 * (error.retryAfter || 5));
      throw error;
    });
  }

  function restart() {   // a start that failed, made again (at once when back online)
    window.clearTimeout(S.restart);
    if (S.restart === null) { return; }
    boot(false).catch(function () { return null; });
  }

  // --- the composer -------------------------------------------------------------------------
  function pick(file, copy) {
    if (!file) { return; }
    if (S.limits.types.indexOf(file.type) < 0) { status(t("unsupported"), true); return; }
    if (file.size > S.limits.upload_bytes) {
      status(t("too_large", { mb: Math.floor(S.limits.upload_bytes / 1048576) }), true);
      return;
    }
    S.file = file;
    if (S.preview) { URL.revokeObjectURL(S.preview); }
    S.preview = file.type.indexOf("image/") === 0 ? URL.createObjectURL(file) : null;
    $("thumb").hidden = !S.preview;
    if (S.preview) { $("thumb").src = S.preview; }
    $("file-name").textContent = fileLabel(file.type) + " · " + (file.name || "") + " (" +
      Math.max(1, Math.round(file.size / 1024)) + " KB)";
    $("attachment").hidden = false;
    status("");
    S.picked = copy || null;
    if (!copy) { keepPicked(file); }
  }

  function unpick() {
    S.file = null;
    S.picked = null;
    store(PICKED, null);
    $("file").value = "";
    $("attachment").hidden = true;
    $("thumb").hidden = true;
  }

  function grow() {
    var box = $("text");
    box.style.height = "auto";
    if (!box.value) { box.style.height = ""; return; }   // (the placeholder may wrap: not text)
    box.style.height = Math.min(box.scrollHeight + 4, window.innerHeight * 0.4) + "px";
  }

  // A story pasted whole may be longer than one message: it goes as several, in order, cut
  // between words (the story takes any number of bubbles). A box with a maximum length would
  // cut a paste short without a word.
  function pieces(text, limit) {
    var out = [];
    while (text.length > limit) {
      var cut = Math.max(text.lastIndexOf("\n", limit), text.lastIndexOf(" ", limit));
      if (cut < limit / 2) { cut = limit; }
      // (never between the two halves of an emoji: each half alone is no character)
      if (/[\uDC00-\uDFFF]/.test(text.charAt(cut))) { cut -= 1; }
      out.push(text.slice(0, cut).trim());
      text = text.slice(cut).trim();
    }
    out.push(text);
    return out;
  }

  function submit(event) {
    if (event) { event.preventDefault(); }
    var box = $("text");
    var text = box.value.trim();
    if (!text && !S.file) { box.focus(); return; }
    if (!S.booted) {    // the page is not ready yet (a slow start): it goes once it is
      if (!S.wiped) { S.early = true; status(t("waiting")); }
      return;
    }
    var parts = pieces(text, S.limits.text), file = S.file, copy = S.picked;
    unpick();        // (its kept copy goes with the message: the room it took is freed first)
    send(parts[0], file, copy);
    for (var i = 1; i < parts.length; i += 1) { send(parts[i], null); }
    box.value = "";
    keepTyped();
    grow();
    box.focus();
  }

  // A shared phone or a warnet's computer: the person ends the session, the next one sees none
  // of it. The server drops the cookie; the widget forgets its copy of the token.
  // A complaint still being written has not been sent: the confirmation says so (and that
  // ending deletes it), never that it is being handled.
  // Each answer to a post says where the conversation stands (S.standing); the server can also
  // be asked ({probe: true}) by other clients.
  function endSession() {
    var standing = S.standing || {};
    var ask = standing.draft ? "end_confirm_draft" : standing.filed ? "end_confirm"
      : "end_confirm_plain";
    if (!window.confirm(t(ask))) { return; }
    call("POST", "/chat/api/end", {}).then(function () {
      S.booted = false;
      S.queue = [];
      S.failed = [];
      keepUnsent();
      $("text").value = "";
      keepTyped();
      unpick();
      store(NOTES, null);
      window.clearTimeout(S.timer);
      saved.set("aduan.session", "");
      S.token = null;
      announceEnd();
      window.location.replace(window.location.href);
    }, function (error) { status(error.message || t("offline"), true); });
  }

  function framed() {   // in the widget: a close button in place of the logo, told to the host
    var button = make("button", "close", "✕");
    button.type = "button";
    button.setAttribute("data-t-label", "close");
    var logo = document.querySelector(".bar .logo");
    logo.parentNode.replaceChild(button, logo);
    var tell = function (type) { window.parent.postMessage({ type: type }, "*"); };
    button.addEventListener("click", function () { tell("aduan-chat-close"); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { tell("aduan-chat-close"); }
    });
    tell("aduan-chat-ready");
  }

  function wire() {
    if (embedded && window.parent !== window) { framed(); }
    applyLanguage();
    $("lang").addEventListener("click", switchLanguage);
    $("end").addEventListener("click", endSession);
    $("form").addEventListener("submit", submit);
    $("attach").addEventListener("click", function () { $("file").click(); });
    $("file").addEventListener("change", function () { pick($("file").files[0]); });
    $("remove").addEventListener("click", function () { unpick(); $("attach").focus(); });
    $("start").addEventListener("click", function () { send(t("start_word"), null); });
    $("check").addEventListener("click", function () { send(t("check_word"), null); });
    $("text").addEventListener("input", function () { grow(); keepTyped(); });
    var early = keptFor(EARLY);
    if (early && typeof early.text === "string") { $("text").value = early.text; grow(); }
    $("scroller").addEventListener("scroll", pointToChoices, { passive: true });
    anchor();
    $("jump").addEventListener("click", function () {
      $("choices").scrollIntoView({ block: "end" });
      var first = document.querySelector("#choice-list .choice");
      if (first && !coarse) { first.focus(); }
    });
    $("text").addEventListener("keydown", function (event) {
      // Enter sends (Shift+Enter: a new line); on a phone's keyboard Enter is a new line.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !coarse) {
        submit(event);
      }
    });
    // Hidden, the page does not look at all (a poll finds the tab hidden and stops); shown
    // again, it looks at once, and as often as while the person was last there.
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) { S.lively = Date.now(); schedule(0); }
    });
    window.addEventListener("online", function () {
      if (!S.booted) { restart(); return; }
      status("");
      pump();          // what waited for the connection goes first, in order
      schedule(0);
    });
    boot(false).catch(function () { return null; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
}());
