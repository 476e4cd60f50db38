// Sign in (POST /api/sessions) or sign up (POST /api/users), then return where the user came from.
import { api, auth, renderHeader } from "/app.js";

const form = document.getElementById("auth-form");
const error = document.getElementById("error");
const destination = sameOriginPath(new URLSearchParams(location.search).get("next"));

/**
 * Where to go after signing in: `next` only when it is a path on this site. URLSearchParams has
 * decoded it already, so `/%5Cevil.com` arrives as `/\evil.com`; browsers read a backslash as a
 * slash and drop tabs and newlines, which would make `/\evil.com` or `/\t/evil.com` the
 * scheme-relative `//evil.com` (an open redirect). So: one leading `/`, no `//` or `/\` after it,
 * no control characters, and the resolved URL must still be of this origin.
 */
function sameOriginPath(next) {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "/";
  const url = new URL(next, location.origin);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : "/";
}

async function submit(path) {
  const handle = document.getElementById("handle").value.trim();
  const password = document.getElementById("password").value;
  error.hidden = true;
  try {
    const result = await api(path, { method: "POST", body: { handle, password }, token: null });
    auth.save(result.handle || handle, result.token);
    location.href = destination;
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  submit("/api/sessions");
});
document.getElementById("signup").addEventListener("click", () => submit("/api/users"));
renderHeader();
