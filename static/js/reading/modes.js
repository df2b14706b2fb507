/* The pupil's reading modes: words in <html data-reading> (reading.css selects on them). */

export const root = document.documentElement;

export function tokens() {
  return (root.dataset.reading || "").split(/\s+/).filter(Boolean);
}

export function hasMode(name) {
  return tokens().indexOf(name) !== -1;
}

export function csrfToken() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch (e) {
    return "";
  }
}
