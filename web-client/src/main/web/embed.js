// The embeddable player /embed/{id}[?comments=1], for iframes on other sites (oEmbed, X player
// cards). It plays over standard WHEP (POST /whep/{id}), muted until the viewer unmutes, shows
// the live viewer count and says when the broadcast has ended. With ?comments=1 it also opens
// the `chat` data channel receive-only and shows comments fading away over the video.
//
// The embedding page is told what happens through postMessage (any origin may embed, and the
// messages carry nothing private): {source: "upcast", event: "playing" | "ended" | "viewers",
// broadcastId, viewers?}.
import { Chat, mountCommentOverlay } from "/chat.js";
import { mountUnmute, showPlaying } from "/player.js";

const $ = (id) => document.getElementById(id);
const player = $("player");
const broadcastId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
const withComments = new URLSearchParams(location.search).get("comments") === "1";
const POLL_MS = 5000;

let pc = null;
let sessionUrl = null;
let poll = null;
let ended = false;

function tell(event, extra = {}) {
  if (window.parent !== window) {
    window.parent.postMessage({ source: "upcast", event, broadcastId, ...extra }, "*");
  }
}

function setViewers(n) {
  $("viewer-count").textContent = String(n);
  $("viewer-count-badge").title = `${n} ${n === 1 ? "viewer" : "viewers"}`;
  tell("viewers", { viewers: n });
}

function showEnded(text) {
  if (ended) return;
  ended = true;
  clearInterval(poll);
  $("ended-text").textContent = text;
  $("ended").hidden = false;
  $("connecting").hidden = true;
  $("live-badge").hidden = true;
  $("viewer-count-badge").hidden = true;
  $("unmute").hidden = true;
  $("comments").hidden = true;
  player.pause();
  player.srcObject = null;
  leave();
  tell("ended");
}

/** Ends the WHEP session (RFC 9725 §4.2: DELETE the session URL) and the peer connection. */
function leave() {
  if (sessionUrl) fetch(sessionUrl, { method: "DELETE", keepalive: true }).catch(() => {});
  sessionUrl = null;
  if (pc) pc.close();
  pc = null;
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
  $("connecting").hidden = false;
  pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
  window.upcastPc = pc;
  pc.addTransceiver("audio", { direction: "recvonly" });
  pc.addTransceiver("video", { direction: "recvonly" });
  if (withComments) {
    // Receive-only: WHEP without a bearer token has no user, so the server only sends to us.
    const chat = new Chat(pc);
    mountCommentOverlay(chat, $("comments"), { max: 6, visibleMs: 8000 });
    chat.on("viewers", (m) => setViewers(m.count));
    chat.on("ended", () => showEnded("This broadcast has ended"));
  }
  const remote = new MediaStream();
  player.srcObject = remote;
  pc.addEventListener("track", (event) => {
    remote.addTrack(event.track);
    player.play().catch(() => {});
  });
  pc.addEventListener("connectionstatechange", () => {
    if (!pc) return;
    if (pc.connectionState === "connected") $("connecting").hidden = true;
    if (pc.connectionState === "failed") refresh().then(() => showEnded("The connection to this broadcast was lost"));
  });
  if (player.requestVideoFrameCallback) {
    player.requestVideoFrameCallback(() => tell("playing"));
  } else {
    player.addEventListener("playing", () => tell("playing"), { once: true });
  }
  await pc.setLocalDescription(await pc.createOffer());
  const r = await fetch(`/whep/${encodeURIComponent(broadcastId)}`, {
    method: "POST",
    headers: { "Content-Type": "application/sdp" },
    body: pc.localDescription.sdp,
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
    return;
  }
  sessionUrl = r.headers.get("Location");
  await pc.setRemoteDescription({ type: "answer", sdp: body });
  showPlaying(player);
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
