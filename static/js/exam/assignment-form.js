/* The assignment form: choosing an exam pre-fills the time limit with the exam's
 * duration (data-duration on its option, exam/views/classes.py ExamSelect), unless the
 * teacher typed another limit. The server takes the exam's duration too when the
 * field is left empty in exam mode.
 */
const form = document.getElementById("assignment-form");
const exam = form && form.querySelector("select[name=exam]");
const limit = form && form.querySelector("input[name=time_limit_minutes]");

if (exam && limit) {
  // The value this script put in the field: replaced when another exam is chosen.
  let filled = "";
  const fill = () => {
    const option = exam.options[exam.selectedIndex];
    const duration = (option && option.dataset.duration) || "";
    if (limit.value === "" || limit.value === filled) {
      limit.value = duration;
      filled = duration;
    }
  };
  exam.addEventListener("change", fill);
  if (limit.value === "") fill();
}
