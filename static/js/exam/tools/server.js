/* The pupil's tools talk to the server: POST form fields with the CSRF token, and
 * count the requests on their way (handing in waits for them: #exam's data-tools-pending).
 * Strings come from data-msg-* attributes of #exam-tools (translated in the template).
 */

const exam = document.getElementById("exam");
const tools = document.getElementById("exam-tools");

let inFlight = 0;

export function message(name) {
  return tools ? tools.dataset["msg" + name] || "" : "";
}

export function isSaving() {
  return inFlight > 0;
}

function csrfToken() {
  var input = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (input) return input.value;
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch (error) {
    return "";
  }
}

function setPending(delta) {
  inFlight += delta;
  if (exam) exam.dataset.toolsPending = String(inFlight);
}

// POST form fields; resolves with {status, body} (status 0: no connection).
export function post(url, fields) {
  var body = new URLSearchParams();
  Object.keys(fields).forEach(function (key) {
    body.append(key, fields[key]);
  });
  setPending(1);
  return fetch(url, {
    method: "POST",
    body: body,
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
  })
    .then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (json) {
          return { status: response.status, body: json };
        });
    })
    .catch(function () {
      return { status: 0, body: {} };
    })
    .finally(function () {
      setPending(-1);
    });
}
