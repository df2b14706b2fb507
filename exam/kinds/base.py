"""What a question kind is made of: one value per kind, declared in its own module.

Every part a kind needs anywhere in the app is a field here, so adding a kind is one
new module (see README, "Adding a question kind") and tests/test_kind_registry.py
proves that every kind provides every part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from exam.kinds import display
from exam.kinds.common import Score, given_text, posted_value
from exam.kinds.elements import ticked_points
from exam.problems import Problem


@dataclass(frozen=True)
class Kind:
    """A question kind.

    - `roles`: the choice roles (Choice.Role values) the kind shows the pupil; a kind
      with roles has its labels read when an answer is cleaned.
    - `clean(value, *, labels, paragraph_count, scoring)`: the pupil's raw answer in its stored
      form, or ResponseError for an answer that cannot have been given.
    - `score(scoring, *, max_points, response, lines, word_limit)`: a Score.
    - `validate(scoring, *, max_points, labels, paragraph_count, lines)`: [Problem].
    - `posted_value(data, scoring)`: the posted form fields as the raw answer.
    - `widget(scoring, choices, response)`: the pupil widget's initial values (fields
      of exam.presenters.exam_questions.PupilQuestion), shown by `widget_template`.
    - `result_rows(scoring, choices, response, details)`: a closed question's rows on
      the result page, each shown by `result_row_template`; `accepted(scoring)`: the
      accepted answers the result page lists.
    - `demo_response(scoring, *, labels, rng, p, right, paragraph_count)`: a generated
      (response, ticked element indexes) for the demo class (exam/demo_results.py).
    - `answer_parts(scoring, response, elements)`: an answer in parts as the result and
      marking pages show it, part by part (exam/kinds/parts.py); [] for other kinds.
    - `marking_elements(scoring)`: what a marker ticks, as [{"index", "text", "points"}],
      for a kind whose parts are not the answer model's elements (gap: the gaps);
      None: the model's elements. `ticked_points(*, scoring, elements, max_points,
      response, word_limit, in_full_sentences)`: the points for the ticked ones, the
      question's length rules applied (exam/kinds/elements.py).
    - `marking_answer_template`: how the marking page shows a pupil's answer (given
      `answer` and `response`) when the kind has no parts: as written, or, for gaps,
      gap by gap.
    - `hint`: how such a question typically reads (Dutch exam wording, data).
    - `authoring_form`: dotted path of the teacher's form for the kind.
    """

    code: str
    roles: tuple[str, ...]
    clean: Callable[..., object]
    score: Callable[..., Score]
    validate: Callable[..., list[Problem]]
    demo_response: Callable[..., tuple[object, list[int]]]
    hint: str
    authoring_form: str
    widget: Callable[..., dict] = display.single_value_widget
    posted_value: Callable[..., object] = posted_value
    result_rows: Callable[..., list[display.ResultRow]] = display.no_rows
    result_row_template: str = ""
    accepted: Callable[[dict], list[str]] = display.nothing_accepted
    counts_words: bool = False
    answer_parts: Callable[..., list] = display.no_parts
    marking_elements: Callable[[dict], list[dict]] | None = None
    ticked_points: Callable[..., int] = ticked_points
    marking_answer_template: str = "exam/_marking_response.html"

    @property
    def widget_template(self) -> str:
        return f"exam/_answer_{self.code}.html"

    @property
    def has_labels(self) -> bool:
        """Whether cleaning an answer reads the question's choice labels."""
        return bool(self.roles)

    def given_text(self, response) -> str:
        """The free answer as the result page shows it; a kind with rows shows none."""
        return "" if self.roles else given_text(response)
