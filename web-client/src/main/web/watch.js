// Watch page /b/{id}: plays a live broadcast muted (as browsers require) with an unmute button,
// and says so when the broadcast ends instead of freezing on the last frame.
import { api, auth, followButton, renderHeader, Signaling } from "/app.js";
import { Chat, mountWatchChat } from "/chat.js";
import { renderShare } from "/share.js";
import { broadcastIdOfPage, mountUnmute, showStopped, showViewers } from "/player.js";
import { Receiver } from "/receiver.js";

const $ = (id) => document.getElementById(id);
const player = $("player");
const broadcastId = broadcastIdOfPage();

let receiver = null;
let signaling = null;
let chat = null;
let ended = false;

// Milestones of joining, in ms since navigation, for diagnostics and the browser tests.
const timings = (window.upcastTimings = {});
const mark = (name) => {
  if (!(name in timings)) timings[name] = Math.round(performance.now());
};

function showEnded(text) {
  ended = true;
  showStopped(player, text);
  player.hidden = true;
  if (chat) chat.close();
  if (receiver) receiver.close();
  if (signaling) signaling.close();
  receiver = null;
  signaling = null;
  $("comment-form").hidden = true;
  $("heart-button").hidden = true;
}

function showInfo(b) {
  document.title = `${b.title || "Untitled broadcast"} — @${b.broadcaster.handle} on Upcast`;
  $("broadcast-title").textContent = b.title || "Untitled broadcast";
  $("broadcaster").textContent = "@" + b.broadcaster.handle;
  $("broadcaster").href = "/u/" + encodeURIComponent(b.broadcaster.handle);
  if (auth.signedIn && !$("follow-broadcaster")) {
    api(`/api/users/${encodeURIComponent(b.broadcaster.handle)}`)
      .then((p) => {
        if ($("follow-broadcaster")) return;
        const button = followButton(b.broadcaster.handle, { following: !!p.followedByMe });
        button.id = "follow-broadcaster";
        $("broadcaster").after(button);
      })
      .catch(() => {});
  }
  showViewers(b.viewers);
  renderShare($("share"), { url: `/b/${b.id}`, title: b.title, handle: b.broadcaster.handle, live: b.live });
}

async function watch() {
  signaling = new Signaling(auth.token);
  window.upcastWs = signaling.ws;
  receiver = new Receiver(player, {
    onConnected: () => mark("connected"),
    onFailed: () => {
      if (!ended) showEnded("The connection to this broadcast was lost");
    },
    onFirstFrame: () => mark("firstFrame"),
  });
  const pc = receiver.pc;
  chat = new Chat(pc);
  mountWatchChat(chat, { video: player });
  chat.on("viewers", (m) => showViewers(m.count));
  chat.on("ended", () => showEnded("This broadcast has ended"));
  signaling.on("viewers", (m) => showViewers(m.count));
  signaling.on("ended", () => showEnded("This broadcast has ended"));
  signaling.on("close", () => {
    if (!ended) showEnded("The connection to this broadcast was lost");
  });
  const answered = await receiver.connect(async (offer) => {
    mark("offerSent");
    const reply = await signaling.request({ type: "view", broadcastId, offer }, "viewing");
    mark("answered");
    if (reply.broadcast) showInfo(reply.broadcast);
    return reply.answer;
  });
  if (!answered) return;
  mark("remoteDescriptionSet");
  const dtls = pc.getReceivers()[0] && pc.getReceivers()[0].transport;
  if (dtls) {
    dtls.addEventListener("statechange", () => mark("dtls-" + dtls.state));
    dtls.iceTransport.addEventListener("statechange", () => mark("ice-" + dtls.iceTransport.state));
  }
}

mountUnmute(player);

async function main() {
  renderHeader();
  try {
    const b = await api(`/api/broadcasts/${encodeURIComponent(broadcastId)}`, { token: null });
    showInfo(b);
    if (!b.live) {
      showEnded("This broadcast has ended");
      return;
    }
    await watch();
  } catch (e) {
    if (e.status === 404) {
      $("broadcast-title").textContent = "Broadcast not found";
      showEnded("Broadcast not found");
    } else if (e.code === "not_live" || e.code === "not_found") {
      showEnded("This broadcast has ended");
    } else {
      $("error").textContent = e.message;
      $("error").hidden = false;
      $("connecting").hidden = true;
    }
  }
}

window.addEventListener("pagehide", () => {
  if (receiver) receiver.close();
  if (signaling) signaling.close();
});
main();
