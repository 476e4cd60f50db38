// Profile page /u/{handle}: who they are, follower counts, live now, past broadcasts, Follow;
// and on your own profile, linking your X account and importing whom you follow there.
import { api, ApiError, auth, renderHeader } from "/app.js";

const $ = (id) => document.getElementById(id);
const handle = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
let profile = null;
let people = { followers: null, next: null };

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

function render(p) {
  profile = p;
  document.title = `@${p.handle} — Upcast`;
  $("profile").hidden = false;
  $("avatar").textContent = p.handle.charAt(0).toUpperCase();
  $("handle").textContent = "@" + p.handle;
  $("followers").textContent = String(p.followers);
  $("following").textContent = String(p.following);
  $("x-link").textContent = p.x ? ` · X: @${p.x.handle}` : "";
  $("live").hidden = !p.live;
  if (p.live) {
    $("live-link").href = p.live.watchUrl;
    $("live-link").textContent = p.live.title;
  }
  const own = auth.signedIn && auth.handle && auth.handle.toLowerCase() === p.handle.toLowerCase();
  const follow = $("follow");
  follow.hidden = own;
  follow.textContent = p.followedByMe ? "Following" : "Follow";
  follow.classList.toggle("primary", !p.followedByMe);
  follow.classList.toggle("ghost", !!p.followedByMe);
  follow.setAttribute("aria-pressed", String(!!p.followedByMe));
  $("settings").hidden = !own;
  if (own) {
    $("x-handle").value = p.x ? "@" + p.x.handle : $("x-handle").value;
    $("x-id").value = p.x ? p.x.accountId : $("x-id").value;
    $("x-unlink").hidden = !p.x;
  }
  const list = $("broadcasts");
  list.replaceChildren(
    ...p.broadcasts.map((b) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = b.watchUrl;
      a.textContent = b.title;
      const when = document.createElement("span");
      when.className = "muted";
      when.textContent = b.live ? " · live now" : " · " + new Date(b.startedAt).toLocaleString();
      li.append(a, when);
      return li;
    }),
  );
  $("no-broadcasts").hidden = p.broadcasts.length > 0;
}

async function load() {
  try {
    render(await api(`/api/users/${encodeURIComponent(handle)}`));
  } catch (e) {
    if (e.status === 404) {
      $("profile").hidden = true;
      document.title = "No such user — Upcast";
      showError(`There is no @${handle} on Upcast.`);
    } else {
      showError(e.message);
    }
  }
}

$("follow").addEventListener("click", async () => {
  if (!auth.signedIn) {
    location.href = "/signin?next=" + encodeURIComponent(location.pathname);
    return;
  }
  const method = profile.followedByMe ? "DELETE" : "POST";
  try {
    const r = await api(`/api/users/${encodeURIComponent(profile.handle)}/follow`, { method });
    render({ ...profile, followedByMe: r.following, followers: r.followers });
  } catch (e) {
    showError(e.message);
  }
});

async function showPeople(which, more) {
  if (!more) people = { which, next: null };
  const q = new URLSearchParams({ limit: "50" });
  if (people.next) q.set("cursor", people.next);
  try {
    const page = await api(`/api/users/${encodeURIComponent(handle)}/${which}?${q}`);
    $("people").hidden = false;
    $("people-title").textContent = which === "followers" ? "Followers" : "Following";
    const items = page.users.map((u) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/u/" + encodeURIComponent(u.handle);
      a.textContent = "@" + u.handle;
      li.append(a);
      return li;
    });
    if (more) $("people-list").append(...items);
    else $("people-list").replaceChildren(...items);
    people.next = page.next;
    $("people-more").hidden = !page.next;
  } catch (e) {
    showError(e.message);
  }
}
$("show-followers").addEventListener("click", () => showPeople("followers", false));
$("show-following").addEventListener("click", () => showPeople("following", false));
$("people-more").addEventListener("click", () => showPeople(people.which, true));

$("x-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const p = await api("/api/me/x", {
      method: "PUT",
      body: { handle: $("x-handle").value.trim(), accountId: $("x-id").value.trim() },
    });
    render(p);
    $("x-status").textContent = "Linked.";
  } catch (e) {
    $("x-status").textContent = e.message;
  }
});
$("x-unlink").addEventListener("click", async () => {
  try {
    await api("/api/me/x", { method: "DELETE" });
    $("x-handle").value = "";
    $("x-id").value = "";
    await load();
    $("x-status").textContent = "Unlinked.";
  } catch (e) {
    $("x-status").textContent = e.message;
  }
});

$("import-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("import-file").files[0];
  const out = $("import-report");
  if (!file) {
    out.textContent = "Choose a file first.";
    return;
  }
  const text = await file.text();
  const kind = /window\.YTD\.following/.test(text.slice(0, 200)) ? "twitter" : "csv";
  out.textContent = "Importing…";
  try {
    const response = await fetch(`/api/me/import/${kind}`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${auth.token}`,
        "Content-Type": kind === "twitter" ? "text/javascript" : "text/csv",
      },
      body: text,
    });
    const report = await response.json();
    if (!response.ok) throw new ApiError(response.status, report.error, report.message);
    const parts = [
      `${report.matched} followed now`,
      `${report.alreadyFollowing} already followed`,
      `${report.pending} will be followed when they join`,
      `${report.invalid} lines skipped`,
    ];
    out.textContent = parts.join(" · ");
    if (report.errors.length) {
      const ul = document.createElement("ul");
      ul.className = "import-errors";
      for (const e of report.errors) {
        const li = document.createElement("li");
        li.textContent = `Line ${e.line}: ${e.message}`;
        ul.append(li);
      }
      out.append(ul);
    }
    await load();
  } catch (e) {
    out.textContent = e.message;
  }
});

renderHeader();
load();
