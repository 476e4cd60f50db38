// Go-live notifications on every page while signed in: a bell with the unread count (links to
// /inbox) and a toast "@alice is live: <title>" the moment someone you follow goes live, over
// Server-Sent Events (docs/api.md "Notifications"). Loaded by app.js's renderHeader.
import { api, auth } from "/app.js";

const TOAST_MS = 10000;
const seen = new Set();
let unread = 0;
let bell = null;

function renderBell() {
  if (!bell) return;
  const count = bell.querySelector(".bell-count");
  count.textContent = unread > 99 ? "99+" : String(unread);
  count.hidden = unread === 0;
  bell.setAttribute("aria-label", unread ? `Notifications, ${unread} unread` : "Notifications");
}

function toastLayer() {
  let layer = document.getElementById("toasts");
  if (!layer) {
    layer = document.createElement("div");
    layer.id = "toasts";
    layer.className = "toasts";
    layer.setAttribute("role", "status");
    layer.setAttribute("aria-live", "polite");
    document.body.append(layer);
  }
  return layer;
}

/** Shows one notification as a toast that opens the broadcast when clicked. */
export function showToast(n) {
  const a = document.createElement("a");
  a.className = "toast";
  a.href = n.broadcast.watchUrl;
  a.dataset.notificationId = n.id;
  const who = document.createElement("strong");
  who.textContent = "@" + n.broadcaster.handle;
  a.append(who, document.createTextNode(" is live: " + n.broadcast.title));
  a.addEventListener("click", () => {
    api("/api/me/notifications/read", { method: "POST", body: { ids: [n.id] } }).catch(() => {});
  });
  toastLayer().append(a);
  setTimeout(() => a.remove(), TOAST_MS);
}

function received(n) {
  if (seen.has(n.id)) return;
  seen.add(n.id);
  window.upcastNotifications = [...(window.upcastNotifications || []), n];
  if (!n.read) unread++;
  renderBell();
  showToast(n);
}

/** Adds the bell to the header and starts listening. */
export function mountNotifications(nav) {
  bell = document.createElement("a");
  bell.href = "/inbox";
  bell.id = "bell";
  bell.className = "bell";
  bell.innerHTML =
    '<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22" fill="currentColor">' +
    '<path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5' +
    'a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>' +
    '<span class="bell-count" hidden></span>';
  nav.prepend(bell);
  renderBell();
  api("/api/me/notifications?limit=1")
    .then((r) => {
      unread = r.unread;
      renderBell();
    })
    .catch(() => {});
  const events = new EventSource(`/api/me/events?token=${encodeURIComponent(auth.token)}`);
  events.addEventListener("notification", (e) => {
    try {
      received(JSON.parse(e.data));
    } catch {
      // a malformed event is ignored
    }
  });
  window.upcastEvents = events;
  window.addEventListener("pagehide", () => events.close());
}

/** Lets the inbox page keep the bell in step when it marks items read. */
export function setUnread(n) {
  unread = n;
  renderBell();
}
