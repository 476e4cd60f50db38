// An independent WebRTC peer for the interop tests: werift (pure TypeScript WebRTC, its own ICE,
// DTLS and SCTP) joins an Upcast broadcast by WHEP with a `chat` data channel, sends one comment
// and waits for a comment from someone else. Prints one JSON object per line on stdout.
//
//   node whep-chat.mjs <base URL> <broadcast id> <token or ""> <comment to send>
//                      <author to wait for> <text to wait for> [timeout ms]
import { RTCPeerConnection } from "werift";

const [base, broadcastId, token, comment, waitAuthor, waitText, timeoutArg] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg || 30000);
const log = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");

const timer = setTimeout(() => {
  log({ event: "timeout" });
  process.exit(2);
}, timeoutMs);

// werift skips loopback interfaces when gathering; the tests run where loopback is all there is.
const pc = new RTCPeerConnection({
  bundlePolicy: "max-bundle",
  iceAdditionalHostAddresses: ["127.0.0.1"],
});
pc.addTransceiver("audio", { direction: "recvonly" });
pc.addTransceiver("video", { direction: "recvonly" });
const channel = pc.createDataChannel("chat");
let sent = false;

channel.onopen = () => log({ event: "open" });
channel.onmessage = (event) => {
  const text = typeof event.data === "string" ? event.data : event.data.toString();
  const msg = JSON.parse(text);
  log({ event: "message", message: msg });
  if (msg.type === "hello" && !sent) {
    sent = true;
    channel.send(JSON.stringify({ type: "comment", text: comment }));
    log({ event: "sent", text: comment });
  }
  if (msg.type === "comment" && msg.author === waitAuthor && msg.text === waitText) {
    log({ event: "done" });
    clearTimeout(timer);
    pc.close().finally(() => process.exit(0));
  }
};

await pc.setLocalDescription(await pc.createOffer());
// Non-trickle WHEP: wait until the offer carries all candidates.
while (pc.iceGatheringState !== "complete") {
  await new Promise((r) => setTimeout(r, 20));
}
const headers = { "Content-Type": "application/sdp" };
if (token) headers.Authorization = `Bearer ${token}`;
const response = await fetch(`${base}/whep/${encodeURIComponent(broadcastId)}`, {
  method: "POST",
  headers,
  body: pc.localDescription.sdp,
});
const answer = await response.text();
log({ event: "answer", status: response.status });
if (response.status !== 201) {
  log({ event: "error", body: answer });
  process.exit(3);
}
await pc.setRemoteDescription({ type: "answer", sdp: answer });
