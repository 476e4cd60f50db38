// Broadcaster studio: camera preview, Go live over the signaling socket, live stats, End broadcast.
import { auth, elapsed, renderHeader, Signaling } from "/app.js";
import { renderShare } from "/share.js";

const $ = (id) => document.getElementById(id);
const preview = $("preview");
const goLive = $("go-live");
const status = $("status");
const error = $("error");

let stream = null;
let pc = null;
let signaling = null;
let startedAt = 0;
let clock = null;

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
  if (live) {
    $("share-link").value = new URL(broadcast.watchUrl, location.origin).href;
    renderShare($("share"), { url: broadcast.watchUrl, title: broadcast.title, handle: auth.handle });
    $("viewer-count").textContent = "0";
    startedAt = Date.now();
    clock = setInterval(() => ($("elapsed").textContent = elapsed(startedAt)), 500);
    $("elapsed").textContent = "0:00";
    status.textContent = "You are live.";
  } else {
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
    signaling.on("ended", () => {
      stopPeer();
      setLive(false);
      status.textContent = "Your broadcast has ended.";
    });
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
