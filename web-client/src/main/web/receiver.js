// The receive-only PeerConnection of a live player, shared by the watch page (which offers over
// the signaling WebSocket) and the embed (which offers over WHEP, POST /whep/{id}): one recvonly
// audio and one recvonly video transceiver on one bundled transport, the remote tracks playing
// in the page's <video>, "Connecting…" (id connecting) shown until the transport is up, and the
// live badges once the answer is applied.
import { showPlaying } from "/player.js";

export class Receiver {
  /**
   * Creates the PeerConnection (also `window.upcastPc`, for the tests and diagnostics). Whatever
   * else the offer must carry, such as the chat channel, is added to `pc` before `connect`.
   * `onFailed` is called when the connection fails, `onConnected` when it is up and
   * `onFirstFrame` when the first video frame is shown.
   */
  constructor(player, { onFailed, onConnected = () => {}, onFirstFrame = () => {} }) {
    this.player = player;
    this.closed = false;
    this.connecting = document.getElementById("connecting");
    this.connecting.hidden = false;
    const pc = (this.pc = new RTCPeerConnection({ bundlePolicy: "max-bundle" }));
    window.upcastPc = pc;
    pc.addTransceiver("audio", { direction: "recvonly" });
    pc.addTransceiver("video", { direction: "recvonly" });
    const remote = new MediaStream();
    player.srcObject = remote;
    pc.addEventListener("track", (event) => {
      remote.addTrack(event.track);
      player.play().catch(() => {});
    });
    pc.addEventListener("connectionstatechange", () => {
      if (this.closed) return;
      if (pc.connectionState === "connected") {
        this.connecting.hidden = true;
        onConnected();
      }
      if (pc.connectionState === "failed") onFailed();
    });
    if (player.requestVideoFrameCallback) {
      player.requestVideoFrameCallback(() => onFirstFrame());
    } else {
      player.addEventListener("playing", () => onFirstFrame(), { once: true });
    }
  }

  /**
   * Makes the offer and hands its SDP to `exchange`, which delivers it and resolves with the
   * answer's SDP, or with null when there is no answer (the page has said why). Applies the
   * answer and shows the live badges; resolves with whether it did.
   */
  async connect(exchange) {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const answer = await exchange(this.pc.localDescription.sdp);
    if (answer == null || this.closed) return false;
    await this.pc.setRemoteDescription({ type: "answer", sdp: answer });
    showPlaying(this.player);
    return true;
  }

  close() {
    this.closed = true;
    this.pc.close();
  }
}
