// The inbox page /inbox: go-live notifications, newest first; open one to watch, mark read, mute
// a broadcaster's notifications.
import { api, auth, renderHeader } from "/app.js";
import { setUnread } from "/notify.js";

const $ = (id) => document.getElementById(id);
let next = null;

function item(n) {
  const li = document.createElement("li");
  li.className = "inbox-item" + (n.read ? "" : " unread");
  li.dataset.notificationId = n.id;
  const a = document.createElement("a");
  a.href = n.broadcast.watchUrl;
  const who = document.createElement("strong");
  who.textContent = "@" + n.broadcaster.handle;
  a.append(who, document.createTextNode(n.broadcast.live ? " is live: " : " was live: "));
  a.append(document.createTextNode(n.broadcast.title));
  a.addEventListener("click", () => markRead([n.id]));
  const when = document.createElement("span");
  when.className = "muted";
  when.textContent = new Date(n.at).toLocaleString();
  const mute = document.createElement("button");
  mute.type = "button";
  mute.className = "button ghost small";
  mute.textContent = "Mute @" + n.broadcaster.handle;
  mute.addEventListener("click", async () => {
    try {
      await api(`/api/users/${encodeURIComponent(n.broadcaster.handle)}/mute`, { method: "PUT" });
      mute.textContent = "Muted";
      mute.disabled = true;
    } catch (e) {
      showError(e.message);
    }
  });
  li.append(a, when, mute);
  return li;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function showUnread(n) {
  $("unread-text").textContent = n ? `${n} unread.` : "All read.";
  setUnread(n);
}

async function load(more) {
  const q = new URLSearchParams({ limit: "30" });
  if (more && next) q.set("cursor", next);
  try {
    const page = await api(`/api/me/notifications?${q}`);
    const items = page.notifications.map(item);
    if (more) $("inbox").append(...items);
    else $("inbox").replaceChildren(...items);
    next = page.next;
    $("more").hidden = !next;
    $("empty").hidden = $("inbox").childElementCount > 0;
    showUnread(page.unread);
  } catch (e) {
    showError(e.message);
  }
}

async function markRead(ids) {
  try {
    const body = ids ? { ids } : { all: true };
    const r = await api("/api/me/notifications/read", { method: "POST", body });
    for (const li of $("inbox").children) {
      if (!ids || ids.includes(li.dataset.notificationId)) li.classList.remove("unread");
    }
    showUnread(r.unread);
  } catch (e) {
    showError(e.message);
  }
}

$("mark-all").addEventListener("click", () => markRead(null));
$("more").addEventListener("click", () => load(true));

renderHeader();
if (!auth.signedIn) {
  location.href = "/signin?next=/inbox";
} else {
  load(false);
}
