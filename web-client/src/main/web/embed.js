// The embeddable player /embed/{id}[?comments=1], for iframes on other sites (oEmbed, X player
// cards). It plays over standard WHEP (POST /whep/{id}), muted until the viewer unmutes, shows
// the live viewer count and says when the broadcast has ended. With ?comments=1 it also opens
// the `chat` data channel receive-only and shows comments fading away over the video.
//
// The embedding page is told what happens through postMessage (any origin may embed, and the
// messages carry nothing private): {source: "upcast", event: "playing" | "ended" | "viewers",
// broadcastId, viewers?}.
import { Chat, mountCommentOverlay } from "/chat.js";
import { broadcastIdOfPage, mountUnmute, showStopped, showViewers } from "/player.js";
import { Receiver } from "/receiver.js";

const $ = (id) => document.getElementById(id);
const player = $("player");
const broadcastId = broadcastIdOfPage();
const withComments = new URLSearchParams(location.search).get("comments") === "1";
const POLL_MS = 5000;

let receiver = null;
let sessionUrl = null;
let poll = null;
let ended = false;

function tell(event, extra = {}) {
  if (window.parent !== window) {
    window.parent.postMessage({ source: "upcast", event, broadcastId, ...extra }, "*");
  }
}

function setViewers(n) {
  showViewers(n);
  tell("viewers", { viewers: n });
}

function showEnded(text) {
  if (ended) return;
  ended = true;
  clearInterval(poll);
  showStopped(player, text);
  $("comments").hidden = true;
  leave();
  tell("ended");
}

/** Ends the WHEP session (RFC 9725 §4.2: DELETE the session URL) and the peer connection. */
function leave() {
  if (sessionUrl) fetch(sessionUrl, { method: "DELETE", keepalive: true }).catch(() => {});
  sessionUrl = null;
  if (receiver) receiver.close();
  receiver = null;
}

function showInfo(b) {
  const title = b.title || "Untitled broadcast";
  document.title = `${title} — @${b.broadcaster.handle} on Upcast`;
  $("title").textContent = `${title} · @${b.broadcaster.handle}`;
  const watchUrl = new URL(`/b/${encodeURIComponent(b.id)}`, location.origin).href;
  $("watch-on-upcast").href = watchUrl;
  $("ended-link").href = watchUrl;
  $("ended-link").textContent = "Watch on Upcast";
}

async function refresh() {
  try {
    const r = await fetch(`/api/broadcasts/${encodeURIComponent(broadcastId)}`);
    if (r.status === 404) return showEnded("Broadcast not found");
    if (!r.ok) return;
    const b = await r.json();
    if (!b.live) showEnded("This broadcast has ended");
    else setViewers(b.viewers);
  } catch {
    // A missed poll is retried on the next tick.
  }
}

async function play() {
  receiver = new Receiver(player, {
    onFailed: () => refresh().then(() => showEnded("The connection to this broadcast was lost")),
    onFirstFrame: () => tell("playing"),
  });
  if (withComments) {
    // Receive-only: WHEP without a bearer token has no user, so the server only sends to us.
    const chat = new Chat(receiver.pc);
    mountCommentOverlay(chat, $("comments"), { max: 6, visibleMs: 8000 });
    chat.on("viewers", (m) => setViewers(m.count));
    chat.on("ended", () => showEnded("This broadcast has ended"));
  }
  await receiver.connect(async (offer) => {
    const r = await fetch(`/whep/${encodeURIComponent(broadcastId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/sdp" },
      body: offer,
    });
    const body = await r.text();
    if (r.status !== 201) {
      let code = null;
      try {
        code = JSON.parse(body).error;
      } catch {
        code = null;
      }
      showEnded(code === "not_live" ? "This broadcast has ended" : "This broadcast cannot be played here");
      return null;
    }
    sessionUrl = r.headers.get("Location");
    return body;
  });
}

mountUnmute(player);

async function main() {
  let b;
  try {
    const r = await fetch(`/api/broadcasts/${encodeURIComponent(broadcastId)}`);
    if (r.status === 404) return showEnded("Broadcast not found");
    if (!r.ok) throw new Error(`status ${r.status}`);
    b = await r.json();
  } catch {
    return showEnded("Upcast cannot be reached right now");
  }
  showInfo(b);
  if (!b.live) return showEnded("This broadcast has ended");
  setViewers(b.viewers);
  poll = setInterval(refresh, POLL_MS);
  try {
    await play();
  } catch {
    showEnded("This broadcast cannot be played here");
  }
}

window.addEventListener("pagehide", leave);
main();
