// Broadcaster studio: camera preview, Go live over the signaling socket, live stats, End broadcast.
import { api, auth, elapsed, followButton, renderHeader, Signaling } from "/app.js";
import { Chat, mountStudioChat } from "/chat.js";
import { renderShare } from "/share.js";

const $ = (id) => document.getElementById(id);
const preview = $("preview");
const goLive = $("go-live");
const status = $("status");
const error = $("error");

let stream = null;
let pc = null;
let signaling = null;
let chat = null;
let unmountChat = null;
let startedAt = 0;
let clock = null;
let audienceTimer = null;

/** The studio's viewer list: signed-in viewers (with Follow) and how many watch anonymously. */
async function refreshAudience(broadcastId) {
  try {
    const a = await api(`/api/broadcasts/${encodeURIComponent(broadcastId)}/viewers`);
    const list = $("viewer-list");
    const have = new Set([...list.children].map((li) => li.dataset.handle));
    const now = new Set(a.viewers.map((v) => v.handle));
    for (const li of [...list.children]) if (!now.has(li.dataset.handle)) li.remove();
    for (const v of a.viewers) {
      if (have.has(v.handle)) continue;
      const li = document.createElement("li");
      li.dataset.handle = v.handle;
      const link = document.createElement("a");
      link.href = "/u/" + encodeURIComponent(v.handle);
      link.target = "_blank";
      link.textContent = "@" + v.handle;
      li.append(link, followButton(v.handle, { following: v.followedByMe }));
      list.append(li);
    }
    $("anonymous-count").textContent = a.anonymous ? `+ ${a.anonymous} not signed in` : "";
  } catch {
    // the list is a convenience; the next poll tries again
  }
}

function showError(message) {
  error.textContent = message;
  error.hidden = !message;
}

function setLive(live, broadcast) {
  $("setup").hidden = live;
  $("live").hidden = !live;
  $("live-badge").hidden = !live;
  $("elapsed").hidden = !live;
  $("viewer-count-badge").hidden = !live;
  clearInterval(clock);
  clearInterval(audienceTimer);
  if (live) {
    $("share-link").value = new URL(broadcast.watchUrl, location.origin).href;
    renderShare($("share"), { url: broadcast.watchUrl, title: broadcast.title, handle: auth.handle });
    $("viewer-count").textContent = "0";
    startedAt = Date.now();
    clock = setInterval(() => ($("elapsed").textContent = elapsed(startedAt)), 500);
    $("elapsed").textContent = "0:00";
    status.textContent = "You are live.";
    const id = broadcast.watchUrl.split("/").pop();
    refreshAudience(id);
    audienceTimer = setInterval(() => refreshAudience(id), 3000);
  } else {
    $("viewer-list").replaceChildren();
    $("anonymous-count").textContent = "";
    status.textContent = "Ready. Give your broadcast a title and go live.";
    goLive.disabled = !stream;
  }
}

async function startCamera() {
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
    });
    preview.srcObject = stream;
    goLive.disabled = false;
    status.textContent = "Ready. Give your broadcast a title and go live.";
  } catch (e) {
    status.textContent = "Camera and microphone are needed to go live.";
    showError(`Could not open camera or microphone: ${e.message}`);
  }
}

function stopPeer() {
  if (unmountChat) unmountChat();
  unmountChat = null;
  if (chat) chat.close();
  chat = null;
  if (pc) pc.close();
  pc = null;
  window.upcastPc = null;
  if (signaling) signaling.close();
  signaling = null;
  window.upcastWs = null;
}

async function startBroadcast() {
  showError("");
  goLive.disabled = true;
  status.textContent = "Going live…";
  try {
    signaling = new Signaling(auth.token);
    window.upcastWs = signaling.ws;
    pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" });
    window.upcastPc = pc;
    for (const track of stream.getTracks()) {
      pc.addTransceiver(track, { direction: "sendonly", streams: [stream] });
    }
    chat = new Chat(pc);
    unmountChat = mountStudioChat(chat);
    // The broadcast can end without this page asking (e.g. ended over WHIP or by the server).
    chat.on("ended", broadcastEnded);
    pc.addEventListener("connectionstatechange", () => {
      if (pc && pc.connectionState === "failed") {
        showError("The media connection failed. End the broadcast and try again.");
      }
    });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const title = $("title-input").value.trim();
    const reply = await signaling.request({ type: "publish", title, offer: offer.sdp }, "published");
    await pc.setRemoteDescription({ type: "answer", sdp: reply.answer });
    signaling.on("viewers", (m) => ($("viewer-count").textContent = String(m.count)));
    signaling.on("ended", broadcastEnded);
    signaling.on("close", () => {
      if (pc) {
        stopPeer();
        setLive(false);
        showError("Lost the connection to Upcast; the broadcast has ended.");
      }
    });
    setLive(true, { watchUrl: reply.watchUrl || `/b/${reply.broadcastId}`, title });
  } catch (e) {
    stopPeer();
    setLive(false);
    showError(e.message);
  }
}

function broadcastEnded() {
  if (!pc) return;
  stopPeer();
  setLive(false);
  status.textContent = "Your broadcast has ended.";
}

function endBroadcast() {
  if (signaling) signaling.send({ type: "end" });
  stopPeer();
  setLive(false);
  status.textContent = "Your broadcast has ended.";
}

if (!auth.signedIn) {
  location.replace("/signin?next=/studio");
} else {
  renderHeader();
  goLive.addEventListener("click", startBroadcast);
  $("end-broadcast").addEventListener("click", endBroadcast);
  $("share-link").addEventListener("focus", () => $("share-link").select());
  window.addEventListener("pagehide", () => stopPeer());
  startCamera();
}
