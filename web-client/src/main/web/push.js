// "Notify me in this browser": registers the service worker (sw.js), subscribes to Web Push with
// the server's VAPID key and stores the subscription (POST /api/me/push), or undoes all that.
// REST reference: docs/api.md "Web Push".
import { api, auth } from "/app.js";

function supported() {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** base64url → Uint8Array, for applicationServerKey. */
function keyBytes(base64url) {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function currentSubscription() {
  const reg = await navigator.serviceWorker.getRegistration("/");
  return reg ? reg.pushManager.getSubscription() : null;
}

async function enable() {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    throw new Error("Notifications are blocked for this site. Allow them in the browser settings.");
  }
  const reg = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  await navigator.serviceWorker.ready;
  const { publicKey } = await api("/api/push/key", { token: null });
  let sub = await reg.pushManager.getSubscription();
  if (sub && sub.options && sub.options.applicationServerKey) {
    // A subscription made for another server key cannot be used: replace it.
    const existing = new Uint8Array(sub.options.applicationServerKey);
    const wanted = keyBytes(publicKey);
    if (existing.length !== wanted.length || existing.some((b, i) => b !== wanted[i])) {
      await sub.unsubscribe();
      sub = null;
    }
  }
  if (!sub) {
    sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  }
  await api("/api/me/push", { method: "POST", body: sub.toJSON() });
}

async function disable() {
  const sub = await currentSubscription();
  if (!sub) return;
  try {
    await api("/api/me/push", { method: "DELETE", body: { endpoint: sub.endpoint } });
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  await sub.unsubscribe();
}

/**
 * Adds the toggle to `container` for a signed-in user in a browser that supports Web Push;
 * does nothing otherwise.
 */
export async function mountPushToggle(container) {
  if (!container || !auth.signedIn || !supported()) return;
  const label = document.createElement("label");
  label.className = "push-toggle";
  label.id = "push-toggle";
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = "push-enabled";
  const text = document.createElement("span");
  text.textContent = "Notify me in this browser";
  const status = document.createElement("span");
  status.className = "push-status muted";
  status.setAttribute("role", "status");
  label.append(box, text, status);
  container.append(label);

  try {
    box.checked = !!(await currentSubscription()) && Notification.permission === "granted";
  } catch {
    box.checked = false;
  }
  box.addEventListener("change", async () => {
    box.disabled = true;
    status.textContent = "";
    try {
      if (box.checked) {
        await enable();
        status.textContent = "On";
      } else {
        await disable();
        status.textContent = "Off";
      }
    } catch (e) {
      box.checked = !box.checked;
      status.textContent = e.message || "Could not change notifications.";
    } finally {
      box.disabled = false;
    }
  });
}
