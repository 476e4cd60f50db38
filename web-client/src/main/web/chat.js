// Live chat over the `chat` WebRTC data channel: Comments, Hearts, blocks and the comments setting.
// Wire protocol: docs/protocol.md ("Chat"). Used by the watch page (Viewer) and the studio
// (Broadcaster); both create the channel on their PeerConnection before createOffer.
import { auth } from "/app.js";

/** Comment length limit in code points, as the server counts it. */
export const MAX_COMMENT = 280;
/** How long a Comment stays overlaid on the video. */
const OVERLAY_MS = 5000;
/** Taps are batched into one heart message per this many ms (the server caps messages per second). */
const HEART_BATCH_MS = 200;
const MAX_HEARTS_PER_MESSAGE = 50;
/** Floating hearts drawn at once, so a heart storm does not flood the page. */
const MAX_FLOATING = 12;

const now = () => performance.timeOrigin + performance.now();

/** Code points, matching the server's 1..280 rule (an emoji counts once). */
export function commentLength(text) {
  return [...text.trim()].length;
}

/**
 * The chat session of one PeerConnection. Call before createOffer so the offer carries the
 * m=application section. Every received message is kept in `window.upcastChat.received` and
 * the time each Comment was shown in `window.upcastChat.shown` (for tests and diagnostics).
 */
export class Chat {
  constructor(pc) {
    this.channel = pc.createDataChannel("chat");
    this.handlers = new Map();
    this.pendingHearts = 0;
    this.heartTimer = null;
    this.hello = null;
    this.state = {
      received: [],
      sent: [],
      shown: {},
      channel: this.channel,
      chat: this,
    };
    window.upcastChat = this.state;
    this.channel.addEventListener("message", (event) => this.dispatch(event.data));
    this.channel.addEventListener("close", () => clearInterval(this.heartTimer));
    this.heartTimer = setInterval(() => this.flushHearts(), HEART_BATCH_MS);
  }

  dispatch(raw) {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch (e) {
      return;
    }
    if (!msg || typeof msg.type !== "string") return;
    this.state.received.push(msg);
    if (msg.type === "hello") this.hello = msg;
    (this.handlers.get(msg.type) || []).forEach((fn) => fn(msg));
  }

  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(fn);
  }

  get open() {
    return this.channel.readyState === "open";
  }

  send(msg) {
    if (!this.open) return false;
    this.channel.send(JSON.stringify(msg));
    return true;
  }

  comment(text) {
    const sent = this.send({ type: "comment", text });
    if (sent) this.state.sent.push({ text, at: now() });
    return sent;
  }

  /** Counts a tap; sent with the next batch. */
  heart() {
    this.pendingHearts++;
  }

  flushHearts() {
    if (this.pendingHearts <= 0 || !this.open) return;
    const count = Math.min(this.pendingHearts, MAX_HEARTS_PER_MESSAGE);
    this.pendingHearts -= count;
    this.send({ type: "heart", count });
  }

  block(handle) {
    return this.send({ type: "block", handle });
  }

  setComments(setting) {
    return this.send({ type: "settings", comments: setting });
  }

  close() {
    clearInterval(this.heartTimer);
    this.channel.close();
  }
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** One Comment as "@handle text"; the author link is plain text so nothing in it is markup. */
function commentNode(tag, msg) {
  const li = el(tag, "comment");
  li.dataset.commentId = msg.id;
  li.dataset.author = msg.author;
  li.append(el("span", "comment-author", "@" + msg.author), el("span", "comment-text", msg.text));
  return li;
}

/** Inline error line that clears itself after a few seconds. */
function errorLine(node) {
  let timer = null;
  return (message) => {
    clearTimeout(timer);
    node.textContent = message || "";
    node.hidden = !message;
    if (message) timer = setTimeout(() => (node.hidden = true), 6000);
  };
}

/** Floating hearts rising from the bottom-right of the stage. */
function heartFloater(layer) {
  return (n) => {
    const count = Math.min(n, MAX_FLOATING - layer.childElementCount);
    for (let i = 0; i < count; i++) {
      const h = el("span", "floating-heart", "♥");
      h.style.left = `${Math.round(Math.random() * 60)}%`;
      h.style.animationDelay = `${i * 80}ms`;
      h.style.setProperty("--hue", String(Math.round(Math.random() * 60) - 10));
      h.addEventListener("animationend", () => h.remove());
      layer.append(h);
    }
  };
}

const COMMENTS_OFF_TEXT = {
  off: "Comments are turned off",
  followers: "Only followers can comment",
};

/** Messages shown for error codes; anything else uses the server's message. */
const ERROR_TEXT = {
  rate_limited: "Slow down — you're commenting too fast.",
  blocked: "The broadcaster has blocked you from commenting.",
  comments_off: "Comments are turned off.",
  followers_only: "Only followers of the broadcaster can comment.",
  auth_required: "Sign in to comment.",
};

/** Watch page: overlay, scroll-back list, comment box, hearts (button and tapping the video). */
export function mountWatchChat(chat, { stage, video }) {
  const $ = (id) => document.getElementById(id);
  const overlay = $("chat-overlay");
  const list = $("chat-list");
  const input = $("comment-input");
  const counter = $("comment-counter");
  const sendButton = $("comment-send");
  const form = $("comment-form");
  const signin = $("comment-signin");
  const heartCount = $("heart-count");
  const showError = errorLine($("chat-error"));
  const float = heartFloater($("hearts-layer"));
  let heartsTotal = 0;
  let setting = "everyone";
  let canComment = auth.signedIn;

  signin.href = "/signin?next=" + encodeURIComponent(location.pathname);
  $("chat").hidden = false;

  function renderComposer() {
    form.hidden = !auth.signedIn;
    signin.hidden = auth.signedIn;
    const blockedBySetting = setting === "off" || (setting === "followers" && !canComment);
    input.disabled = !chat.open || blockedBySetting;
    input.placeholder = blockedBySetting ? COMMENTS_OFF_TEXT[setting] : "Say something…";
    const left = MAX_COMMENT - commentLength(input.value);
    counter.textContent = String(left);
    counter.classList.toggle("over", left < 0);
    sendButton.disabled = input.disabled || left < 0 || commentLength(input.value) === 0;
  }

  chat.channel.addEventListener("open", renderComposer);
  chat.channel.addEventListener("close", renderComposer);
  input.addEventListener("input", renderComposer);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || commentLength(text) > MAX_COMMENT) return;
    if (chat.comment(text)) {
      input.value = "";
      showError("");
    } else {
      showError("Chat is not connected yet.");
    }
    renderComposer();
  });

  const sendHeart = () => {
    chat.heart();
    float(1);
  };
  $("heart-button").addEventListener("click", sendHeart);
  video.addEventListener("click", sendHeart);

  $("chat-toggle").addEventListener("click", () => {
    list.hidden = !list.hidden;
    $("chat-toggle").setAttribute("aria-expanded", String(!list.hidden));
    $("chat-toggle").textContent = list.hidden ? "Show comments" : "Hide comments";
    if (!list.hidden) list.scrollTop = list.scrollHeight;
  });

  chat.on("hello", (m) => {
    setting = m.comments;
    canComment = !!m.canComment;
    renderComposer();
  });
  chat.on("settings", (m) => {
    setting = m.comments;
    if (setting === "everyone") canComment = auth.signedIn;
    renderComposer();
  });
  chat.on("comment", (m) => {
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.append(commentNode("li", m));
    if (atBottom) list.scrollTop = list.scrollHeight;
    const bubble = commentNode("li", m);
    bubble.style.animationDuration = `${OVERLAY_MS}ms`;
    bubble.addEventListener("animationend", () => bubble.remove());
    overlay.append(bubble);
    while (overlay.childElementCount > 5) overlay.firstElementChild.remove();
    chat.state.shown[m.id] = now();
  });
  chat.on("removed", (m) => removeComments(m.commentIds, [overlay, list]));
  chat.on("hearts", (m) => {
    if (m.total > heartsTotal && chat.hello) float(m.total - heartsTotal);
    heartsTotal = m.total;
    heartCount.textContent = String(m.total);
  });
  chat.on("error", (m) => {
    showError(ERROR_TEXT[m.code] || m.message || "Something went wrong.");
    if (m.code === "blocked") canComment = false;
  });
  renderComposer();
}

function removeComments(ids, containers) {
  for (const id of ids || []) {
    for (const c of containers) {
      c.querySelectorAll(`[data-comment-id="${CSS.escape(id)}"]`).forEach((n) => n.remove());
    }
  }
}

/** Studio live panel: incoming Comments with Block buttons, Hearts, comments setting. */
export function mountStudioChat(chat) {
  const $ = (id) => document.getElementById(id);
  const list = $("studio-comments");
  const setting = $("comments-setting");
  const showError = errorLine($("studio-chat-error"));
  const float = heartFloater($("hearts-layer"));
  let heartsTotal = 0;
  list.replaceChildren();
  $("heart-count").textContent = "0";

  setting.disabled = true;
  chat.channel.addEventListener("open", () => (setting.disabled = false));
  setting.addEventListener("change", () => chat.setComments(setting.value));

  chat.on("hello", (m) => (setting.value = m.comments));
  chat.on("settings", (m) => (setting.value = m.comments));
  chat.on("comment", (m) => {
    const li = commentNode("li", m);
    if (m.author !== auth.handle) {
      const block = el("button", "button ghost small block-button", "Block");
      block.type = "button";
      block.title = `Block @${m.author} from commenting on this broadcast`;
      block.dataset.handle = m.author;
      block.addEventListener("click", () => {
        if (chat.block(m.author)) {
          list.querySelectorAll(".block-button").forEach((b) => {
            if (b.dataset.handle === m.author) {
              b.disabled = true;
              b.textContent = "Blocked";
            }
          });
        }
      });
      li.append(block);
    }
    list.append(li);
    list.scrollTop = list.scrollHeight;
    chat.state.shown[m.id] = now();
  });
  chat.on("removed", (m) => removeComments(m.commentIds, [list]));
  chat.on("hearts", (m) => {
    if (m.total > heartsTotal) float(m.total - heartsTotal);
    heartsTotal = m.total;
    $("heart-count").textContent = String(m.total);
  });
  chat.on("viewers", (m) => ($("viewer-count").textContent = String(m.count)));
  chat.on("error", (m) => showError(ERROR_TEXT[m.code] || m.message || "Something went wrong."));
}
