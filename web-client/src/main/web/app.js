// Shared helpers of every Upcast page: the signed-in user, the REST API, the signaling socket.
// Protocol reference: docs/protocol.md; REST reference: docs/api.md.

const TOKEN_KEY = "upcast.token";
const HANDLE_KEY = "upcast.handle";

/** The signed-in user, kept in localStorage so every page and tab shares it. */
export const auth = {
  get token() {
    return localStorage.getItem(TOKEN_KEY);
  },
  get handle() {
    return localStorage.getItem(HANDLE_KEY);
  },
  get signedIn() {
    return !!localStorage.getItem(TOKEN_KEY);
  },
  save(handle, token) {
    localStorage.setItem(HANDLE_KEY, handle);
    localStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    localStorage.removeItem(HANDLE_KEY);
    localStorage.removeItem(TOKEN_KEY);
  },
};

/** An error answered by the API: `code` is the JSON `error` field, `message` is for people. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Calls the REST API with JSON in and out; throws ApiError with the server's message. */
export async function api(path, { method = "GET", body, token = auth.token } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Cannot reach Upcast. Check your connection.");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(
      response.status,
      (data && data.error) || "http_" + response.status,
      (data && data.message) || `Request failed (${response.status}).`,
    );
  }
  return data;
}

/**
 * The signaling WebSocket: typed JSON messages with one `type` field.
 * `request(msg, replyType)` resolves with the reply of that type, or rejects on an `error`.
 */
export class Signaling {
  constructor(token) {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const query = token ? `?token=${encodeURIComponent(token)}` : "";
    this.ws = new WebSocket(`${scheme}://${location.host}/ws${query}`);
    this.handlers = new Map();
    this.pending = null;
    this.opened = new Promise((resolve, reject) => {
      this.ws.addEventListener("open", () => resolve());
      this.ws.addEventListener("error", () => reject(new ApiError(0, "network", "Signaling connection failed.")));
    });
    this.ws.addEventListener("message", (event) => this.dispatch(event.data));
    this.ws.addEventListener("close", () => {
      if (this.pending) {
        this.pending.reject(new ApiError(0, "closed", "Signaling connection closed."));
        this.pending = null;
      }
      (this.handlers.get("close") || []).forEach((fn) => fn());
    });
    this.keepAlive = setInterval(() => this.send({ type: "ping" }), 20000);
  }

  dispatch(raw) {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (this.pending) {
      if (msg.type === this.pending.replyType) {
        this.pending.resolve(msg);
        this.pending = null;
        return;
      }
      if (msg.type === "error") {
        this.pending.reject(new ApiError(0, msg.error, msg.message));
        this.pending = null;
        return;
      }
    }
    (this.handlers.get(msg.type) || []).forEach((fn) => fn(msg));
  }

  on(type, fn) {
    if (!this.handlers.has(type)) this.handlers.set(type, []);
    this.handlers.get(type).push(fn);
  }

  send(msg) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  async request(msg, replyType) {
    await this.opened;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, replyType };
      this.send(msg);
    });
  }

  close() {
    clearInterval(this.keepAlive);
    this.ws.close();
  }
}

/**
 * Fills the shared header: brand, studio link, and the signed-in user or sign-in link. Signed in,
 * the handle, Sign out and the push toggle sit in #nav-more: inline on wide screens, behind the
 * account button (#account-button) on phones, so the header stays one line.
 */
export function renderHeader() {
  const nav = document.getElementById("nav");
  if (!nav) return;
  nav.replaceChildren();
  const studio = link("/studio", "Go live", "nav-studio");
  studio.classList.add("button", "primary");
  nav.append(studio);
  if (auth.signedIn) {
    const who = document.createElement("a");
    who.className = "who";
    who.id = "signed-in-as";
    who.href = "/u/" + encodeURIComponent(auth.handle);
    who.title = "Your profile";
    who.textContent = "@" + auth.handle;
    const out = document.createElement("button");
    out.type = "button";
    out.className = "button ghost";
    out.id = "sign-out";
    out.textContent = "Sign out";
    out.addEventListener("click", () => {
      auth.clear();
      location.href = "/";
    });
    const more = document.createElement("div");
    more.className = "nav-more";
    more.id = "nav-more";
    more.append(who, out);
    nav.append(accountButton(more), more);
    // Web Push opt-in (push.js), loaded only for signed-in users.
    import("/push.js").then((m) => m.mountPushToggle(more)).catch(() => {});
    // The bell and live toasts (notify.js).
    import("/notify.js").then((m) => m.mountNotifications(nav)).catch(() => {});
  } else {
    const signin = link("/signin", "Sign in", "nav-signin");
    signin.classList.add("button", "ghost");
    nav.append(signin);
  }
}

/** The phone-only button that opens and closes {@code menu}; Escape or a tap elsewhere closes it. */
function accountButton(menu) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "account-button";
  button.id = "account-button";
  button.setAttribute("aria-label", "Account");
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  button.innerHTML =
    '<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="currentColor">' +
    '<circle cx="12" cy="8" r="4"/><path d="M4 20c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5z"/></svg>';
  const setOpen = (open) => {
    menu.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", (e) => {
    e.stopPropagation();
    setOpen(!menu.classList.contains("open"));
  });
  document.addEventListener("click", (e) => {
    if (!menu.contains(e.target)) setOpen(false);
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") setOpen(false);
  });
  return button;
}

function link(href, text, id) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  a.id = id;
  return a;
}

/**
 * A Follow/Following toggle for `handle` (hidden for yourself and when signed out); calls
 * `onChange(following)` after each change.
 */
export function followButton(handle, { following = false, onChange = () => {} } = {}) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "button small follow-inline";
  b.dataset.handle = handle;
  const show = (f) => {
    following = f;
    b.textContent = f ? "Following" : "Follow";
    b.classList.toggle("primary", !f);
    b.classList.toggle("ghost", f);
    b.setAttribute("aria-pressed", String(f));
  };
  show(following);
  b.hidden = !auth.signedIn || (auth.handle || "").toLowerCase() === handle.toLowerCase();
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      const r = await api(`/api/users/${encodeURIComponent(handle)}/follow`, {
        method: following ? "DELETE" : "POST",
      });
      show(r.following);
      onChange(r.following);
    } catch (e) {
      b.title = e.message;
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** "1 viewer" / "12 viewers". */
export function viewersLabel(n) {
  return `${n} ${n === 1 ? "viewer" : "viewers"}`;
}

/** mm:ss or h:mm:ss since `since` (ms). */
export function elapsed(since) {
  const s = Math.max(0, Math.floor((Date.now() - since) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
