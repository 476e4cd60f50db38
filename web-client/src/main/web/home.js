// Home page: the list of live broadcasts, refreshed every few seconds; signed in, those of people
// you follow come first.
import { api, renderHeader, viewersLabel } from "/app.js";

const list = document.getElementById("broadcasts");
const empty = document.getElementById("empty");
const error = document.getElementById("error");

function card(b) {
  const li = document.createElement("li");
  li.className = "card";
  li.dataset.broadcastId = b.id;
  const a = document.createElement("a");
  a.href = b.watchUrl;
  a.className = "card-link";
  const thumb = document.createElement("div");
  thumb.className = "thumb";
  thumb.setAttribute("aria-hidden", "true");
  thumb.textContent = (b.broadcaster.handle || "?").charAt(0).toUpperCase();
  const badge = document.createElement("span");
  badge.className = "badge live";
  badge.textContent = "LIVE";
  const count = document.createElement("span");
  count.className = "badge count";
  count.textContent = viewersLabel(b.viewers);
  thumb.append(badge, count);
  const title = document.createElement("h2");
  title.className = "card-title";
  title.textContent = b.title || "Untitled broadcast";
  if (b.followed) {
    const followed = document.createElement("span");
    followed.className = "badge followed";
    followed.textContent = "Following";
    thumb.append(followed);
  }
  a.append(thumb, title);
  const who = document.createElement("a");
  who.className = "muted card-who";
  who.href = "/u/" + encodeURIComponent(b.broadcaster.handle);
  who.textContent = "@" + b.broadcaster.handle;
  li.append(a, who);
  return li;
}

async function refresh() {
  try {
    const broadcasts = await api("/api/broadcasts?live=true");
    list.replaceChildren(...broadcasts.map(card));
    empty.hidden = broadcasts.length > 0;
    error.hidden = true;
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

renderHeader();
refresh();
setInterval(refresh, 4000);
