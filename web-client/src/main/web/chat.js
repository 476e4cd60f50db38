// Live chat over the `chat` WebRTC data channel: Comments, Hearts, blocks and the comments setting.
// Wire protocol: docs/protocol.md ("Chat"). Used by the watch page (Viewer), the studio
// (Broadcaster) and the embed player's receive-only overlay; each creates the channel on its
// PeerConnection before createOffer.
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

const isCount = (n) => Number.isInteger(n) && n >= 0;
const isText = (t) => typeof t === "string";

/**
 * Server messages whose fields have the types docs/protocol.md promises; anything else is dropped
 * here so the pages never render half a message (a newer server may add types we ignore).
 */
function wellFormed(m) {
  if (!m || typeof m !== "object" || !isText(m.type)) return false;
  switch (m.type) {
    case "comment":
      return isText(m.id) && isText(m.author) && isText(m.text);
    case "removed":
      return Array.isArray(m.commentIds) && m.commentIds.every(isText);
    case "hearts":
      return isCount(m.total);
    case "viewers":
      return isCount(m.count);
    case "settings":
      return isText(m.comments);
    case "hello":
      return isText(m.comments) && isText(m.role);
    case "error":
      return isText(m.code);
    default:
      return true;
  }
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
    } catch {
      return;
    }
    if (!wellFormed(msg)) return;
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

/** One Comment as "@handle text"; both are set as text so nothing in them is markup. */
function commentNode(tag, msg) {
  const li = el(tag, "comment");
  li.dataset.commentId = msg.id;
  li.dataset.author = msg.author;
  const body = el("span", "comment-body");
  body.append(el("span", "comment-author", "@" + msg.author), el("span", "comment-text", msg.text));
  li.append(body);
  return li;
}

/** Where "Sign in" leads: back to this page afterwards. */
const signInHref = () => "/signin?next=" + encodeURIComponent(location.pathname);

/**
 * Inline error line that clears itself after a few seconds. With `signIn` the message itself
 * links to the sign-in page (for things anonymous viewers may not do).
 */
function errorLine(node) {
  let timer = null;
  return (message, { signIn = false } = {}) => {
    clearTimeout(timer);
    node.replaceChildren();
    node.hidden = !message;
    if (!message) return;
    if (signIn) {
      const link = el("a", "signin-link", message);
      link.href = signInHref();
      node.append(link);
    } else {
      node.append(message);
    }
    timer = setTimeout(() => (node.hidden = true), 6000);
  };
}

/** Floating hearts rising from the bottom-right of the stage, each drifting a little sideways. */
function heartFloater(layer) {
  return (n) => {
    const count = Math.min(n, MAX_FLOATING - layer.childElementCount);
    for (let i = 0; i < count; i++) {
      const h = el("span", "floating-heart", "♥");
      h.style.left = `${Math.round(Math.random() * 50)}%`;
      h.style.animationDelay = `${i * 90}ms`;
      h.style.setProperty("--hue", String(Math.round(Math.random() * 60) - 10));
      h.style.setProperty("--drift", `${Math.round(Math.random() * 40) - 20}px`);
      h.addEventListener("animationend", () => h.remove());
      // Without animations (reduced motion) animationend may never come.
      setTimeout(() => h.remove(), 4000);
      layer.append(h);
    }
  };
}

/**
 * Hearts total shown on a page, and floating hearts for other people's taps: a viewer's own taps
 * float at once, so the matching part of the next server total must not float them twice.
 */
function heartCounter(countNode, float, button) {
  let total = null;
  let ownUnconfirmed = 0;
  let lastTap = 0;
  const render = () => {
    countNode.textContent = String(total || 0);
    if (button) button.setAttribute("aria-label", `Send a heart (${total || 0} so far)`);
  };
  render();
  return {
    tapped() {
      ownUnconfirmed++;
      lastTap = Date.now();
      float(1);
    },
    update(next) {
      // The first total (on joining) is history, not a burst of new hearts.
      if (total !== null && next > total) {
        // Own taps the server dropped (rate limit) must not hide other people's hearts forever.
        if (Date.now() - lastTap > 3000) ownUnconfirmed = 0;
        const delta = next - total;
        const own = Math.min(ownUnconfirmed, delta);
        ownUnconfirmed -= own;
        float(delta - own);
      }
      total = next;
      render();
    },
  };
}

/** Messages shown for error codes; anything else uses the server's message. */
const ERROR_TEXT = {
  rate_limited: "Slow down — you're commenting too fast.",
  blocked: "The broadcaster has blocked you from commenting.",
  comments_off: "Comments are turned off.",
  followers_only: "Only followers of the broadcaster can comment.",
  auth_required: "Sign in to comment.",
  too_long: `Comments can be at most ${MAX_COMMENT} characters.`,
  empty: "Write something first.",
};

/** Why the comment box is closed, shown as its placeholder. */
const REFUSAL_TEXT = {
  off: "Comments are turned off",
  followers: "Only followers can comment",
  blocked: "You can't comment on this broadcast",
};

/**
 * What this viewer may do, from `hello` and later `settings` / `error` messages. The server has the
 * last word (it answers with an error); this only closes the box when we know it would refuse.
 */
class CommentRights {
  constructor(chat) {
    this.chat = chat;
    this.setting = "everyone";
    this.privileged = false; // may comment even when comments are off: the broadcaster
    this.follower = null; // null: not known yet
    this.blocked = false;
  }

  get signedIn() {
    return this.chat.hello ? this.chat.hello.you != null : auth.signedIn;
  }

  hello(m) {
    this.setting = m.comments;
    this.privileged = m.role === "broadcaster" || (m.comments === "off" && !!m.canComment);
    this.follower = m.comments === "followers" ? !!m.canComment : null;
    this.blocked = m.comments === "everyone" && m.you != null && !m.canComment;
  }

  error(code) {
    if (code === "blocked") this.blocked = true;
    if (code === "followers_only") this.follower = false;
    if (code === "comments_off") this.setting = "off";
  }

  /** null when the box is open, else a key of REFUSAL_TEXT. */
  get refusal() {
    if (this.blocked) return "blocked";
    if (this.privileged) return null;
    if (this.setting === "off") return "off";
    if (this.setting === "followers" && this.follower === false) return "followers";
    return null;
  }
}

/** Watch page: overlay, scroll-back list, comment box, hearts (button and tapping the video). */
export function mountWatchChat(chat, { video }) {
  const $ = (id) => document.getElementById(id);
  const overlay = $("chat-overlay");
  const list = $("chat-list");
  const input = $("comment-input");
  const counter = $("comment-counter");
  const sendButton = $("comment-send");
  const form = $("comment-form");
  const signin = $("comment-signin");
  const toggle = $("chat-toggle");
  const showError = errorLine($("chat-error"));
  const hearts = heartCounter($("heart-count"), heartFloater($("hearts-layer")), $("heart-button"));
  const rights = new CommentRights(chat);

  signin.href = signInHref();
  $("chat").hidden = false;

  function renderComposer() {
    // Once the channel has closed (the broadcast ended) nobody can comment: no box, no sign-in.
    const closed = chat.channel.readyState === "closing" || chat.channel.readyState === "closed";
    form.hidden = closed || !rights.signedIn;
    signin.hidden = closed || rights.signedIn;
    const refusal = rights.refusal;
    input.disabled = !chat.open || refusal !== null;
    input.placeholder = refusal ? REFUSAL_TEXT[refusal] : "Say something…";
    const length = commentLength(input.value);
    const left = MAX_COMMENT - length;
    counter.textContent = String(left);
    counter.classList.toggle("over", left < 0);
    input.setAttribute("aria-invalid", String(left < 0));
    sendButton.disabled = input.disabled || left < 0 || length === 0;
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
    if (!rights.signedIn) {
      showError("Sign in to send hearts.", { signIn: true });
      return;
    }
    if (rights.blocked) {
      showError(ERROR_TEXT.blocked);
      return;
    }
    if (!chat.open) return;
    chat.heart();
    hearts.tapped();
  };
  $("heart-button").addEventListener("click", sendHeart);
  video.addEventListener("click", sendHeart);

  toggle.addEventListener("click", () => {
    list.hidden = !list.hidden;
    toggle.setAttribute("aria-expanded", String(!list.hidden));
    toggle.textContent = list.hidden ? "Show comments" : "Hide comments";
    if (!list.hidden) list.scrollTop = list.scrollHeight;
  });

  chat.on("hello", (m) => {
    rights.hello(m);
    renderComposer();
  });
  chat.on("settings", (m) => {
    rights.setting = m.comments;
    if (m.comments === "followers") rights.follower = null;
    renderComposer();
  });
  chat.on("comment", (m) => {
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.append(commentNode("li", m));
    if (atBottom) list.scrollTop = list.scrollHeight;
    if (m.author === (chat.hello && chat.hello.you) && rights.setting === "followers") {
      rights.follower = true;
    }
    overlayComment(overlay, m);
    chat.state.shown[m.id] = now();
  });
  chat.on("removed", (m) => removeComments(m.commentIds, [overlay, list]));
  chat.on("hearts", (m) => hearts.update(m.total));
  chat.on("error", (m) => {
    rights.error(m.code);
    showError(ERROR_TEXT[m.code] || m.message || "Something went wrong.", {
      signIn: m.code === "auth_required",
    });
    renderComposer();
  });
  renderComposer();
}

/** A Comment overlaid on the video, fading out after OVERLAY_MS; the newest 5 at most. */
function overlayComment(overlay, m) {
  const bubble = commentNode("li", m);
  bubble.style.animationDuration = `${OVERLAY_MS}ms`;
  bubble.addEventListener("animationend", () => bubble.remove());
  overlay.append(bubble);
  while (overlay.childElementCount > 5) overlay.firstElementChild.remove();
}

function removeComments(ids, containers) {
  for (const id of ids) {
    for (const c of containers) {
      c.querySelectorAll(`[data-comment-id="${CSS.escape(id)}"]`).forEach((n) => n.remove());
    }
  }
}

/**
 * Studio live panel: incoming Comments with a Block button per author, Hearts, Viewers and the
 * comments setting. Returns a function that detaches it (the page mounts it again per broadcast).
 */
export function mountStudioChat(chat) {
  const $ = (id) => document.getElementById(id);
  const list = $("studio-comments");
  const overlay = $("chat-overlay");
  const setting = $("comments-setting");
  const showError = errorLine($("studio-chat-error"));
  const hearts = heartCounter($("heart-count"), heartFloater($("hearts-layer")), null);
  const detach = new AbortController();
  list.replaceChildren();
  overlay.replaceChildren();
  $("studio-comments-empty").hidden = false;

  setting.disabled = true;
  chat.channel.addEventListener("open", () => (setting.disabled = false));
  chat.channel.addEventListener("close", () => (setting.disabled = true));
  setting.addEventListener("change", () => chat.setComments(setting.value), {
    signal: detach.signal,
  });

  const blockButtons = (handle) =>
    [...list.querySelectorAll(".block-button")].filter((b) => b.dataset.handle === handle);

  chat.on("hello", (m) => (setting.value = m.comments));
  chat.on("settings", (m) => (setting.value = m.comments));
  chat.on("comment", (m) => {
    const li = commentNode("li", m);
    if (m.author !== auth.handle) {
      const block = el("button", "button ghost small block-button", "Block");
      block.type = "button";
      block.title = `Block @${m.author} from commenting on this broadcast`;
      block.setAttribute("aria-label", `Block @${m.author}`);
      block.dataset.handle = m.author;
      block.addEventListener("click", () => {
        if (chat.block(m.author)) {
          blockButtons(m.author).forEach((b) => {
            b.disabled = true;
            b.textContent = "Blocked";
          });
        }
      });
      li.append(block);
    }
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.append(li);
    $("studio-comments-empty").hidden = true;
    if (atBottom) list.scrollTop = list.scrollHeight;
    overlayComment(overlay, m);
    chat.state.shown[m.id] = now();
  });
  chat.on("removed", (m) => {
    removeComments(m.commentIds, [list, overlay]);
    $("studio-comments-empty").hidden = list.childElementCount > 0;
  });
  chat.on("hearts", (m) => hearts.update(m.total));
  chat.on("viewers", (m) => ($("viewer-count").textContent = String(m.count)));
  chat.on("error", (m) => showError(ERROR_TEXT[m.code] || m.message || "Something went wrong."));
  return () => detach.abort();
}

/**
 * Receive-only comment overlay (the embeddable player): Comments appear bottom-left and fade
 * away; removed ones vanish. No local state beyond the nodes on screen.
 */
export function mountCommentOverlay(chat, list, { max = 6, visibleMs = 8000 } = {}) {
  list.hidden = false;
  chat.on("comment", (m) => {
    const li = commentNode("li", m);
    list.append(li);
    while (list.childElementCount > max) list.firstElementChild.remove();
    setTimeout(() => li.remove(), visibleMs + 1000);
    chat.state.shown[m.id] = now();
  });
  chat.on("removed", (m) => removeComments(m.commentIds, [list]));
}
