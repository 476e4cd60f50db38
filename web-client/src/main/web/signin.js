// Sign in (POST /api/sessions) or sign up (POST /api/users), then return where the user came from.
import { api, auth, renderHeader } from "/app.js";

const form = document.getElementById("auth-form");
const error = document.getElementById("error");
const next = new URLSearchParams(location.search).get("next");
const destination = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";

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
