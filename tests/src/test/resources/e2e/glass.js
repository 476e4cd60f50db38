// Glass-to-glass latency probe, injected into test pages. A sender draws the wall-clock time
// (Date.now(), ms) into every canvas frame as 32 black/white blocks plus an 8-bit checksum; a
// receiver reads the blocks back from the decoded video and records now - then. Both ends run on
// the same machine, so they share the clock.
window.glass = (() => {
  const W = 640, H = 360, BLOCK = 16, BITS = 40;

  function encodeTo(ctx, t) {
    ctx.fillStyle = "#808080";
    ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = "#336";
    ctx.fillRect(0, 40, W, H - 40);
    const ms = t >>> 0;
    let sum = 0;
    for (let i = 0; i < 4; i++) sum = (sum + ((ms >>> (8 * i)) & 0xff)) & 0xff;
    for (let b = 0; b < BITS; b++) {
      const bit = b < 32 ? (ms >>> (31 - b)) & 1 : (sum >>> (39 - b)) & 1;
      ctx.fillStyle = bit ? "#fff" : "#000";
      ctx.fillRect(b * BLOCK, 0, BLOCK, BLOCK * 2);
    }
  }

  function decodeFrom(ctx) {
    const row = ctx.getImageData(0, BLOCK, BITS * BLOCK, 1).data;
    let ms = 0, sum = 0;
    for (let b = 0; b < BITS; b++) {
      const x = b * BLOCK + BLOCK / 2;
      const bit = row[x * 4 + 1] > 128 ? 1 : 0;
      if (b < 32) ms = ((ms << 1) | bit) >>> 0;
      else sum = ((sum << 1) | bit) & 0xff;
    }
    let check = 0;
    for (let i = 0; i < 4; i++) check = (check + ((ms >>> (8 * i)) & 0xff)) & 0xff;
    return check === sum ? ms : -1;
  }

  /** A 30 fps canvas track whose every frame carries the current time. */
  function stampedTrack() {
    const canvas = document.createElement("canvas");
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext("2d");
    const draw = () => encodeTo(ctx, Date.now());
    draw();
    setInterval(draw, 10);
    return canvas.captureStream(30).getVideoTracks()[0];
  }

  /** Reads every decoded frame of `track` and collects latencies (ms) into `samples`. */
  function measure(track, samples) {
    const video = document.createElement("video");
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([track]);
    document.body.appendChild(video);
    const canvas = document.createElement("canvas");
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const stats = { decoded: 0, garbled: 0 };
    const onFrame = () => {
      if (video.videoWidth) {
        ctx.drawImage(video, 0, 0, W, H);
        const sent = decodeFrom(ctx);
        const now = Date.now() >>> 0;
        if (sent >= 0) {
          const d = (now - sent) >>> 0;
          if (d < 10000) {
            samples.push(d);
            stats.decoded++;
          }
        } else {
          stats.garbled++;
        }
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    video.play().catch(() => {});
    return stats;
  }

  function quantiles(samples) {
    const s = [...samples].sort((a, b) => a - b);
    const q = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : -1);
    return { count: s.length, p50: q(0.5), p95: q(0.95) };
  }

  return { stampedTrack, measure, quantiles };
})();
