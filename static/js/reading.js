/* Reading comfort, the line reader and read-aloud on the exam and result pages
 * (issue 13, §2–3).
 *
 * Comfort modes are words in <html data-reading> (reading.css selects on them); a
 * change applies at once and is stored with the pupil's account. Nothing here ever
 * changes the booklet's text or where its lines break.
 *
 * Read-aloud uses the browser's own speech synthesis with a Dutch voice. Without
 * one it says so and keeps its buttons disabled, rather than speaking English or
 * nothing at all.
 * An ES module: the parts are in static/js/reading/.
 */
import { initLineReader } from "./reading/line-reader.js";
import { initReadingMenu } from "./reading/menu.js";
import { initReadAloud } from "./reading/read-aloud.js";

initReadingMenu();
initLineReader();

// Printing: the booklet and the questions as the exam is set (reading.css).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-reading-print]")) window.print();
});

initReadAloud();
