// The live player's controls, shared by the watch page and the embed: browsers only autoplay
// muted video, so both start muted with an Unmute button and show LIVE and the viewer count
// once the answer is applied. Both pages use the ids player, unmute, live-badge and
// viewer-count-badge.
const $ = (id) => document.getElementById(id);

/** Shows the live badges, and Unmute while the video is still muted. */
export function showPlaying(player) {
  $("live-badge").hidden = false;
  $("viewer-count-badge").hidden = false;
  $("unmute").hidden = !player.muted;
}

/** Unmutes on the button's click (a user gesture, so playback with sound is allowed). */
export function mountUnmute(player) {
  $("unmute").addEventListener("click", () => {
    player.muted = false;
    player.play().catch(() => {});
    $("unmute").hidden = true;
  });
}
