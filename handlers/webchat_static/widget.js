/* Aduan web chat widget: put
 *   <script src="https://ADUAN-HOST/chat/widget.js" data-lang="id" async></script>
 * on a page of the office's site; it adds a button that opens the chat in a framed panel.
 * Optional attributes: data-lang="en" (English first), data-label="…" (the button's text).
 * The chat runs inside the frame, on the Aduan host: this script reads nothing of the page. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.aduanChatWidget) { return; }
  window.aduanChatWidget = true;

  var origin = new URL(script.src, window.location.href).origin;
  var lang = script.getAttribute("data-lang") === "en" ? "en" : "id";
  var words = lang === "en"
    ? { label: "Complaints", title: "Complaint chat", close: "Close the complaint chat" }
    : { label: "Pengaduan", title: "Chat pengaduan", close: "Tutup chat pengaduan" };
  var label = script.getAttribute("data-label") || words.label;
  var brand = "#0a4a80";

  function style(node, values) {
    Object.keys(values).forEach(function (key) { node.style[key] = values[key]; });
  }

  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "💬 " + label;
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "aduan-chat-panel");
  style(button, {
    position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483000",
    minHeight: "52px", padding: "0 20px", border: "0", borderRadius: "26px",
    background: brand, color: "#fff", font: "600 17px/1 system-ui, sans-serif",
    boxShadow: "0 4px 16px rgba(0,0,0,.25)", cursor: "pointer"
  });

  var panel = document.createElement("div");
  panel.id = "aduan-chat-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", words.title);
  panel.hidden = true;
  style(panel, {
    position: "fixed", zIndex: "2147483001", background: "#fff", overflow: "hidden",
    boxShadow: "0 8px 32px rgba(0,0,0,.3)", display: "none", flexDirection: "column"
  });

  // The chat shows its own close button (it tells us through postMessage); this one is only
  // shown when the chat has not said it is ready, so the panel can always be closed.
  var close = document.createElement("button");
  close.type = "button";
  close.textContent = "✕";
  close.setAttribute("aria-label", words.close);
  close.hidden = true;
  style(close, {
    position: "absolute", top: "8px", left: "8px", width: "44px", height: "44px",
    border: "0", borderRadius: "22px", background: "rgba(0,0,0,.45)", color: "#fff",
    font: "700 18px/1 system-ui, sans-serif", cursor: "pointer", zIndex: "1"
  });
  var ready = false;

  var frame = document.createElement("iframe");
  frame.title = words.title;
  style(frame, { border: "0", width: "100%", height: "100%", display: "block" });

  panel.appendChild(frame);
  panel.appendChild(close);

  function place() {
    var small = window.innerWidth <= 520;
    style(panel, small
      ? { inset: "0", top: "0", left: "0", right: "0", bottom: "0", width: "100%",
          height: "100%", borderRadius: "0" }
      : { top: "auto", left: "auto", right: "16px", bottom: "80px", width: "400px",
          height: "min(680px, calc(100vh - 110px))", borderRadius: "14px" });
  }

  function open() {
    if (!frame.src) {
      frame.src = origin + "/chat?embed=1&lang=" + lang;
      window.setTimeout(function () { close.hidden = ready; }, 8000);
    }
    place();
    panel.hidden = false;
    panel.style.display = "flex";
    button.setAttribute("aria-expanded", "true");
    frame.focus();
  }

  function shut() {
    panel.hidden = true;
    panel.style.display = "none";
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  button.addEventListener("click", function () { if (panel.hidden) { open(); } else { shut(); } });
  close.addEventListener("click", shut);
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data) { return; }
    if (event.data.type === "aduan-chat-ready") { ready = true; close.hidden = true; }
    if (event.data.type === "aduan-chat-close" && !panel.hidden) { shut(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { shut(); }
  });
  window.addEventListener("resize", function () { if (!panel.hidden) { place(); } });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
}());
