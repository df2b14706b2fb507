/* The countdown of an exam-mode attempt (templates/exam/_assignment_countdown.html).
 *
 * Counts down to the server's deadline. The remaining time is taken from the server's
 * clock at render time, so a pupil's wrong computer clock changes nothing; the server
 * refuses late saves and hands the attempt in when the page is opened after the deadline.
 *
 * The clock itself is never announced (it would speak every second); the polite region
 * #countdown-announce says only when five minutes, one minute or no time is left.
 */
(function () {
  "use strict";

  var box = document.getElementById("assignment-countdown");
  if (!box) return;
  var announcer = document.getElementById("countdown-announce");
  var left = Date.parse(box.dataset.deadline) - Date.parse(box.dataset.serverNow);
  var start = performance.now();
  var out = box.querySelector("[data-remaining]");
  var MILESTONES = ["none", "five", "one", "up"];
  var reached = null;
  var timer = null;

  function milestone(seconds, ms) {
    if (ms <= 0) return "up";
    if (seconds <= 60) return "one";
    if (seconds <= 300) return "five";
    return "none";
  }

  function tick() {
    var ms = Math.max(0, left - (performance.now() - start));
    var s = Math.floor(ms / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    out.textContent = (h ? h + ":" + String(m).padStart(2, "0") : m) + ":" + String(sec).padStart(2, "0");
    box.classList.toggle("text-bg-warning", s <= 300 && s > 60);
    box.classList.toggle("text-bg-danger", s <= 60);
    var now = milestone(s, ms);
    // Announce a milestone when the clock passes it, not the one the page opened in.
    if (reached !== null && MILESTONES.indexOf(now) > MILESTONES.indexOf(reached) && announcer) {
      var key = "msg" + now.charAt(0).toUpperCase() + now.slice(1);
      announcer.textContent = box.dataset[key] || "";
    }
    reached = now;
    if (ms <= 0) {
      clearInterval(timer);
      // Give saves on their way a moment, then let the server close the attempt.
      setTimeout(function () {
        window.location.reload();
      }, 3000);
    }
  }

  timer = setInterval(tick, 1000);
  tick();
})();
