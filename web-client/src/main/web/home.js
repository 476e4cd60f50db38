// Home page: the list of live broadcasts, refreshed every few seconds.
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
  const who = document.createElement("p");
  who.className = "muted";
  who.textContent = "@" + b.broadcaster.handle;
  a.append(thumb, title, who);
  li.append(a);
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
