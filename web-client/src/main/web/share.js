// Share buttons of the studio and the watch page: "Copy link", the system share sheet (Web Share
// API, only where the browser has one) and "Post to X" (an intent link opened in a new tab).

/** The sentence shared with the link: "Title — @handle is live on Upcast". */
export function shareText({ title, handle, live = true }) {
  const who = `@${handle} ${live ? "is" : "was"} live on Upcast`;
  const t = (title || "").trim();
  // An untitled broadcast is called "@handle is live" by the server: do not say it twice.
  if (!t || t === `@${handle} is live`) return who;
  return `${t} — ${who}`;
}

/** X's post intent for `text` and `url` (https://developer.x.com/en/docs/x-for-websites). */
export function xIntentUrl(text, url) {
  return `https://x.com/intent/post?text=${encodeURIComponent(text)}&url=${encodeURIComponent(url)}`;
}

/** Puts the share buttons for `broadcast` ({url, title, handle, live}) into `container`. */
export function renderShare(container, broadcast) {
  const url = new URL(broadcast.url, location.origin).href;
  const text = shareText(broadcast);

  const copy = button("share-copy", "Copy link");
  copy.addEventListener("click", async () => {
    copy.textContent = (await copyText(url)) ? "Copied" : "Press Ctrl+C to copy";
    setTimeout(() => (copy.textContent = "Copy link"), 1500);
  });
  container.replaceChildren(copy);

  if (typeof navigator.share === "function") {
    const native = button("share-native", "Share…");
    native.addEventListener("click", () => {
      // Dismissing the sheet rejects with AbortError; there is nothing to report then.
      navigator.share({ title: broadcast.title || text, text, url }).catch(() => {});
    });
    container.append(native);
  }

  const x = document.createElement("a");
  x.id = "share-x";
  x.className = "button";
  x.href = xIntentUrl(text, url);
  x.target = "_blank";
  x.rel = "noopener noreferrer";
  x.textContent = "Post to X";
  container.append(x);
}

function button(id, text) {
  const b = document.createElement("button");
  b.type = "button";
  b.id = id;
  b.className = "button";
  b.textContent = text;
  return b;
}

/** Copies with the Clipboard API; false when the page may not (e.g. not a secure context). */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
