// The live player's controls, shared by the watch page and the embed: browsers only autoplay
// muted video, so both start muted with an Unmute button and show LIVE and the viewer count
// once the answer is applied, and both say when the broadcast is over instead of freezing on
// its last frame. Both pages use the ids player, unmute, live-badge, viewer-count,
// viewer-count-badge, connecting, ended and ended-text.
import { viewersLabel } from "/app.js";

const $ = (id) => document.getElementById(id);

/** The broadcast id of the page's path, /b/{id} or /embed/{id}. */
export function broadcastIdOfPage() {
  return decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
}

/** Shows the live badges, and Unmute while the video is still muted. */
export function showPlaying(player) {
  $("live-badge").hidden = false;
  $("viewer-count-badge").hidden = false;
  $("unmute").hidden = !player.muted;
}

/** Shows how many watch now. */
export function showViewers(n) {
  $("viewer-count").textContent = String(n);
  $("viewer-count-badge").title = viewersLabel(n);
}

/** Stops the video and says `text` ("This broadcast has ended") over it. */
export function showStopped(player, text) {
  $("ended-text").textContent = text;
  $("ended").hidden = false;
  $("connecting").hidden = true;
  $("live-badge").hidden = true;
  $("viewer-count-badge").hidden = true;
  $("unmute").hidden = true;
  player.pause();
  player.srcObject = null;
}

/** Unmutes on the button's click (a user gesture, so playback with sound is allowed). */
export function mountUnmute(player) {
  $("unmute").addEventListener("click", () => {
    player.muted = false;
    player.play().catch(() => {});
    $("unmute").hidden = true;
  });
}
