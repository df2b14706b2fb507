"""An open question in parts on the teacher's and the pupil's pages: the authoring
form, saving an answer, the result page and the marking page, with "in volledige
zinnen" once for the whole answer."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from exam import authoring, marking, problems, services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.forms import RESPONSE_ERRORS
from exam.models import Answer, Exam, ExamText, Membership, Question

HTMX = {"HTTP_HX_REQUEST": "true"}

SCORING = {
    "parts": [
        {"label": "a", "prompt": "Noem twee oorzaken uit alinea 1.", "word_limit": 6},
        {"label": "b", "prompt": "Leg uit wat de SVB daarna deed.", "word_limit": None},
    ],
    "elements": [
        {"text": "achterstand", "points": 1, "keywords": ["achterstand"], "part": "a"},
        {"text": "hulpverleners", "points": 1, "keywords": ["hulpverlener*"], "part": "a"},
        {"text": "gebeld", "points": 1, "keywords": ["gebeld", "belde"], "part": "b"},
    ],
    "over_limit": "zero",
}


@pytest.fixture
def exam(teacher, seed_text):
    return authoring.create_exam(
        author=teacher, title="Oefenexamen", texts=[seed_text], practice_visibility="open"
    )


def rows(prefix, items):
    data = {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": 0}
    for index, values in enumerate(items):
        data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


def parts_post(seed_text, *, parts=None, elements=None, **changes):
    data = {
        "text": seed_text.pk,
        "stem": "Lees alinea 1.",
        "max_points": 3,
        "model_answer": "a) achterstand, hulpverleners b) gebeld",
        **rows(
            "parts",
            parts
            if parts is not None
            else [
                {"prompt": "Noem twee oorzaken uit alinea 1.", "word_limit": 6},
                {"prompt": "Leg uit wat de SVB daarna deed.", "word_limit": ""},
                {"prompt": "", "word_limit": ""},
            ],
        ),
        **rows(
            "elements",
            elements
            if elements is not None
            else [
                {"text": "achterstand", "points": 1, "keywords": "achterstand", "part": "a"},
                {"text": "hulpverleners", "points": 1, "keywords": "hulpverlener*", "part": "a"},
                {"text": "gebeld", "points": 1, "keywords": "gebeld, belde", "part": "b"},
                {"text": "", "points": 1, "keywords": "", "part": ""},
            ],
        ),
        "over_limit": "zero",
        "per_words": 5,
        "deduct": 1,
        "explanation": "",
        "answer_lines": "1-26",
    }
    data.update(changes)
    return data


def create_url(exam):
    return reverse("teacher:question-create", args=[exam.pk]) + "?kind=parts"


def dutch(field, code, **params):
    """A problem's message as the (Dutch) page shows it."""
    with translation.override("nl"):
        return problems.message(problems.Problem(field, code, params))


REQUIRED = forms.Field.default_error_messages["required"]


def row_error(response, prefix, index, field):
    form = response.context["form"]
    return " ".join(str(e) for e in form.formsets[prefix][index].errors.get(field, []))


# --- the authoring form ----------------------------------------------------------------


def test_a_teacher_creates_a_question_in_parts(teacher_client, exam, seed_text):
    response = teacher_client.post(create_url(exam), parts_post(seed_text))
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert question.kind == "parts"
    assert question.scoring == SCORING
    assert question.word_limit is None


def test_the_edit_form_keeps_every_part_and_element(teacher_client, exam, seed_text):
    teacher_client.post(create_url(exam), parts_post(seed_text))
    question = exam.questions.get()
    url = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    page = teacher_client.get(url).content.decode()
    for text in ("Noem twee oorzaken uit alinea 1.", "Leg uit wat de SVB daarna deed."):
        assert text in page
    # Every element's part is selected in its row; one spare row of each list.
    form = teacher_client.get(url).context["form"]
    assert [row["part"].value() for row in form.formsets["elements"]] == ["a", "a", "b", None]
    assert [row["word_limit"].value() for row in form.formsets["parts"]] == [6, None, None]
    # Saving what the page shows changes nothing.
    response = teacher_client.post(url, parts_post(seed_text))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.scoring == SCORING


def test_a_third_part_and_a_block_rule_are_kept(teacher_client, exam, seed_text):
    data = parts_post(
        seed_text,
        parts=[
            {"prompt": "Noem.", "word_limit": ""},
            {"prompt": "Leg uit.", "word_limit": 10},
            {"prompt": "Citeer.", "word_limit": 3},
        ],
        elements=[
            {"text": "een", "points": 1, "keywords": "een", "part": "a"},
            {"text": "twee", "points": 1, "keywords": "twee", "part": "b"},
            {"text": "drie", "points": 1, "keywords": "drie", "part": "c"},
        ],
        over_limit="blocks",
        per_words=2,
        deduct=1,
    )
    assert teacher_client.post(create_url(exam), data).status_code == 302
    scoring = exam.questions.get().scoring
    assert [(p["label"], p["word_limit"]) for p in scoring["parts"]] == [
        ("a", None),
        ("b", 10),
        ("c", 3),
    ]
    assert [e["part"] for e in scoring["elements"]] == ["a", "b", "c"]
    assert scoring["over_limit"] == {"per_words": 2, "deduct": 1}


def test_a_fixed_deduction_for_a_part_over_its_limit_round_trips(teacher_client, exam, seed_text):
    data = parts_post(
        seed_text,
        parts=[{"prompt": "Noem.", "word_limit": 5}, {"prompt": "Leg uit.", "word_limit": 10}],
        elements=[
            {"text": "een", "points": 1, "keywords": "een", "part": "a"},
            {"text": "twee", "points": 1, "keywords": "twee", "part": "b"},
        ],
        over_limit="fixed",
        deduct=1,
        max_points=2,
    )
    assert teacher_client.post(create_url(exam), data).status_code == 302
    question = exam.questions.get()
    assert question.scoring["over_limit"] == {"deduct": 1}
    page = teacher_client.get(reverse("teacher:question-edit", args=[exam.pk, question.pk]))
    assert page.context["form"].initial["over_limit"] == "fixed"


def test_a_part_without_elements_is_an_error_on_that_part(teacher_client, exam, seed_text):
    elements = [
        {"text": "achterstand", "points": 2, "keywords": "achterstand", "part": "a"},
        {"text": "hulpverleners", "points": 1, "keywords": "hulpverlener*", "part": "a"},
    ]
    response = teacher_client.post(create_url(exam), parts_post(seed_text, elements=elements))
    assert response.status_code == 200
    expected = dutch("part:1", "part_no_elements", label="b")
    assert row_error(response, "parts", 1, "prompt") == expected
    assert row_error(response, "parts", 0, "prompt") == ""
    assert not exam.questions.exists()


def test_an_element_without_a_part_is_an_error_on_its_part_select(teacher_client, exam, seed_text):
    elements = [
        {"text": "achterstand", "points": 1, "keywords": "achterstand", "part": "a"},
        {"text": "hulpverleners", "points": 1, "keywords": "hulpverlener*", "part": ""},
        {"text": "gebeld", "points": 1, "keywords": "gebeld, belde", "part": "b"},
    ]
    response = teacher_client.post(create_url(exam), parts_post(seed_text, elements=elements))
    assert response.status_code == 200
    expected = dutch("element_part:1", "element_unknown_part", number=2, part="–", parts=["a", "b"])
    assert row_error(response, "elements", 1, "part") == expected
    assert row_error(response, "elements", 0, "part") == ""
    row = re.search(r'id="row-elements-1".*?id="row-elements-2"', response.content.decode(), re.S)
    # Shown in that row of the page (the start of the message, before any quotes).
    assert expected[:16] in row.group(0)


@pytest.mark.parametrize(
    ("parts", "row", "expected"),
    [
        # One part is not a question in parts: shown on the first empty part.
        (
            [{"prompt": "Noem.", "word_limit": ""}, {"prompt": "", "word_limit": ""}],
            1,
            dutch("parts", "too_few_parts", count=2),
        ),
        # A word limit without its question.
        (
            [{"prompt": "Noem.", "word_limit": ""}, {"prompt": "", "word_limit": 10}],
            1,
            dutch("part:1", "part_no_prompt", label="b"),
        ),
        # Parts are filled from a on: an empty part a before b is a gap.
        (
            [
                {"prompt": "", "word_limit": ""},
                {"prompt": "Noem.", "word_limit": ""},
                {"prompt": "Leg uit.", "word_limit": ""},
            ],
            0,
            None,
        ),
    ],
)
def test_a_wrong_part_is_an_error_on_its_row(teacher_client, exam, seed_text, parts, row, expected):
    response = teacher_client.post(create_url(exam), parts_post(seed_text, parts=parts))
    assert response.status_code == 200
    if expected is None:
        with translation.override("nl"):
            expected = str(REQUIRED)
    assert row_error(response, "parts", row, "prompt") == expected
    assert not exam.questions.exists()


def test_too_few_points_for_the_maximum_is_an_error_on_the_maximum(teacher_client, exam, seed_text):
    response = teacher_client.post(create_url(exam), parts_post(seed_text, max_points=4))
    assert response.status_code == 200
    assert "max_points" in response.context["form"].errors


# --- the pupil's pages -----------------------------------------------------------------


@pytest.fixture
def parts_exam(teacher, seed_text):
    exam = Exam.objects.create(
        title="Delen",
        author=teacher,
        is_published=True,
        n_term=Decimal("1.0"),
        practice_visibility=Exam.PracticeVisibility.OPEN,
    )
    ExamText.objects.create(exam=exam, text=seed_text, position=1)
    Question.objects.create(
        exam=exam,
        number=1,
        text=seed_text,
        kind="parts",
        stem="Lees alinea 1.",
        max_points=3,
        scoring=SCORING,
        model_answer="a) achterstand, hulpverleners b) gebeld",
        answer_lines="1-26",
    )
    return exam


def test_the_exam_page_has_a_box_and_a_word_count_per_part(pupil_client, pupil, parts_exam):
    attempt = services.start_attempt(pupil=pupil, exam=parts_exam)
    page = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert 'name="p-a"' in page and 'name="p-b"' in page
    assert "Noem twee oorzaken uit alinea 1." in page
    assert 'data-word-limit="6"' in page
    # Part b has no limit: no counter. The model's keywords stay on the server.
    assert page.count("data-word-limit") == 1
    assert "hulpverlener*" not in page


def test_autosave_stores_the_parts_and_the_result_page_shows_them(pupil_client, pupil, parts_exam):
    attempt = services.start_attempt(pupil=pupil, exam=parts_exam)
    question = parts_exam.questions.get()
    url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
    over = "Een achterstand en hulpverleners zonder geld kregen niets."  # 8 words > 6
    response = pupil_client.post(
        url, {"revision": "1", "p-a": over, "p-b": "  De SVB belde  twitteraars. "}, **HTMX
    )
    assert response.status_code == 200
    answer = Answer.objects.get(attempt=attempt, question=question)
    assert answer.response == {"a": over, "b": "De SVB belde twitteraars."}
    # The page shows the saved parts in their boxes again.
    page = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert "De SVB belde twitteraars.</textarea>" in page
    assert re.search(r"<span data-words>8</span> / 6", page)

    pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))
    answer.refresh_from_db()
    # Part a is over its limit: its two elements count 0; part b earns its point.
    assert answer.auto_points == 1 and answer.needs_review
    result = pupil_client.get(reverse("pupil:attempt-result", args=[attempt.pk]))
    page = result.content.decode()
    assert over in page and "De SVB belde twitteraars." in page
    part_a = re.search(r'data-part="a".*?</div>', page, re.S).group(0)
    assert "8 words" in part_a or "8 woorden" in part_a
    assert "data-deduction" in part_a
    part_b = re.search(r'data-part="b".*?</div>', page, re.S).group(0)
    assert "data-deduction" not in part_b
    # The pupil may score her own answer, element by element.
    assert 'name="elements" value="2"' in page


def test_an_unknown_part_is_refused_with_a_message(pupil_client, pupil, parts_exam):
    attempt = services.start_attempt(pupil=pupil, exam=parts_exam)
    question = parts_exam.questions.get()
    url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
    response = pupil_client.post(url, {"revision": "1", "p-z": "iets"}, **HTMX)
    assert response.status_code == 422
    with translation.override("nl"):
        message = str(RESPONSE_ERRORS["unknown_item"]) % {"label": "z"}
    assert escape(message) in response.content.decode()
    assert (
        not Answer.objects.filter(attempt=attempt, question=question)
        .exclude(response=None)
        .exists()
    )


def test_the_marker_sees_each_part_and_the_deduction_follows_the_ticks(
    teacher_client, teacher, pupil, parts_exam
):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=room, exam=parts_exam, teacher=teacher, mode="practice"
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    question = parts_exam.questions.get()
    over = "Een achterstand en hulpverleners zonder geld kregen niets."
    services.save_answer(attempt=attempt, question=question, value={"a": over, "b": "Gebeld."})
    services.submit_attempt(attempt=attempt)
    url = reverse("teacher:marking-question", args=[assignment.pk, question.pk])
    page = teacher_client.get(url).content.decode()
    assert over in page and "Gebeld." in page
    assert page.count('data-part="a"') == 1 and page.count('data-part="b"') == 1
    answer = Answer.objects.get(attempt=attempt, question=question)
    # Ticking both elements of part a (over its limit) and b's: only b's point stays.
    response = teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]), {"elements": ["0", "1", "2"]}, **HTMX
    )
    answer.refresh_from_db()
    assert answer.final_points == 1
    assert "data-deduction" in response.content.decode()


def test_the_answer_model_page_shows_each_part_with_its_own_elements(teacher_client, parts_exam):
    page = teacher_client.get(reverse("teacher:answer-model", args=[parts_exam.pk]))
    content = page.content.decode()
    part_a = re.search(r'class="model-part" data-part="a".*?</table>', content, re.S).group(0)
    part_b = re.search(r'class="model-part" data-part="b".*?</table>', content, re.S).group(0)
    assert "Noem twee oorzaken uit alinea 1." in part_a and "hulpverlener*" in part_a
    assert "achterstand" in part_a and "gebeld" not in part_a
    assert "Leg uit wat de SVB daarna deed." in part_b and "gebeld, belde" in part_b
    assert "hulpverlener*" not in part_b
    # Part a's word limit is stated; part b has none.
    assert "6" in part_a.split("</p>")[0] and "</span>" not in part_b.split("</p>")[0]


# --- "in volledige zinnen" on a question in parts --------------------------------------
# One proposal for the whole answer: the form sets and edits it, the marker confirms or
# flips it, and the pupil's result says what it cost.

# Part a in keywords, part b's one word: not in full sentences; 2 + 1 elements found.
KEYWORDS = {"a": "achterstand, hulpverleners", "b": "gebeld"}
SENTENCES = {"a": "Hulpverleners hadden een achterstand.", "b": "De SVB heeft ze gebeld."}


def test_the_parts_form_sets_and_edits_full_sentences(teacher_client, exam, seed_text):
    data = parts_post(seed_text, full_sentences="on", sentences_deduct=2)
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert question.scoring == {**SCORING, "full_sentences": {"deduct": 2}}

    # The edit form shows the box ticked with its deduction.
    url = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    page = teacher_client.get(url)
    form = page.context["form"]
    assert form["full_sentences"].value() is True
    assert form["sentences_deduct"].value() == 2
    html = page.content.decode()
    assert re.search(r'<input[^>]*name="full_sentences"[^>]*checked', html)
    assert "js-sentences-deduct" in html

    # Saving as shown keeps it; another deduction is stored; unticking removes the rule.
    assert teacher_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.scoring["full_sentences"] == {"deduct": 2}
    teacher_client.post(url, parts_post(seed_text, full_sentences="on", sentences_deduct=1))
    question.refresh_from_db()
    assert question.scoring["full_sentences"] == {"deduct": 1}
    assert teacher_client.post(url, parts_post(seed_text)).status_code == 302
    question.refresh_from_db()
    assert question.scoring == SCORING
    html = teacher_client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="full_sentences"', html)
    assert not re.search(r'<input[^>]*name="full_sentences"[^>]*checked', html)


def test_a_deduction_of_zero_is_refused_on_its_field(teacher_client, exam, seed_text):
    data = parts_post(seed_text, full_sentences="on", sentences_deduct=0)
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 200
    assert "sentences_deduct" in response.context["form"].errors
    assert not exam.questions.exists()


# --- full sentences: marking and the result page -----------------------------------------


@pytest.fixture
def sentences_assignment(teacher, pupil, parts_exam):
    """The question in parts asking for full sentences, assigned to the pupil's class."""
    parts_exam.questions.update(
        stem="Lees alinea 1. Geef antwoord in een of meer volledige zinnen.",
        scoring={**SCORING, "full_sentences": {"deduct": 1}},
    )
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return assignment_services.assign_exam(
        classroom=room, exam=parts_exam, teacher=teacher, mode="practice"
    )


def take_parts(assignment, pupil, response) -> Answer:
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    question = assignment.exam.questions.get()
    services.save_answer(attempt=attempt, question=question, value=response)
    services.submit_attempt(attempt=attempt)
    return Answer.objects.get(attempt=attempt, question=question)


def sentences_marking_page(client, answer) -> str:
    url = reverse(
        "teacher:marking-question", args=[answer.attempt.assignment_id, answer.question_id]
    )
    response = client.get(url + "?all=1")
    assert response.status_code == 200
    return response.content.decode()


def sentences_result_page(client, answer) -> str:
    response = client.get(reverse("pupil:attempt-result", args=[answer.attempt_id]))
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<article[^>]*id="question-1".*?</article>', html, re.S).group(0)


def test_the_automatic_score_takes_one_point_for_the_whole_answer(sentences_assignment, pupil):
    answer = take_parts(sentences_assignment, pupil, KEYWORDS)
    assert answer.auto_points == 2  # 3 elements, 1 off once
    assert answer.feedback["details"]["full_sentences"] is False
    assert "not_full_sentences" in answer.feedback["codes"]
    assert take_parts(sentences_assignment, pupil, SENTENCES).auto_points == 3


def test_the_marker_sees_one_box_for_the_whole_answer(teacher_client, sentences_assignment, pupil):
    answer = take_parts(sentences_assignment, pupil, KEYWORDS)
    html = sentences_marking_page(teacher_client, answer)
    card = re.search(rf'<article[^>]*id="answer-{answer.pk}".*?</article>', html, re.S).group(0)
    boxes = re.findall(r"<input[^>]*data-sentences[^>]*>", card)
    assert len(boxes) == 1
    assert 'data-proposal="no"' in boxes[0] and "checked" not in boxes[0]
    assert "computer: nee" in card
    assert "<kbd>z</kbd>" in html
    # The words stay per part; the length block adds no count of its own.
    assert card.count("data-word-count") == 2


@pytest.mark.parametrize(
    ("posted", "points", "judged"),
    [
        # The marker keeps the proposal: 3 elements, 1 off.
        ({"sentences_shown": "1"}, 2, False),
        # The marker flips it (key z): in full sentences after all.
        ({"sentences_shown": "1", "full_sentences": "1"}, 3, True),
    ],
)
def test_the_markers_confirmation_decides_the_points(
    teacher_client, pupil_client, sentences_assignment, pupil, posted, points, judged
):
    answer = take_parts(sentences_assignment, pupil, KEYWORDS)
    response = teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]),
        {"action": "grade", "elements": ["0", "1", "2"], **posted},
        **HTMX,
    )
    assert response.status_code == 200
    answer.refresh_from_db()
    assert answer.final_points == points
    assert answer.feedback["teacher_full_sentences"] is judged
    answer.attempt.refresh_from_db()
    assert answer.attempt.total_points == points
    card = response.content.decode()
    assert "bevestigd" in card
    box = re.search(r"<input[^>]*data-sentences[^>]*>", card).group(0)
    assert ("checked" in box) is judged
    # The pupil's result says what the teacher judged.
    html = sentences_result_page(pupil_client, answer)
    assert f'data-full-sentences="{"yes" if judged else "no"}"' in html
    assert "oordeel van je docent" in html
    assert ("Niet in volledige zinnen: 1 punt afgetrokken." in html) is not judged


def test_the_result_shows_the_proposals_deduction_once(pupil_client, sentences_assignment, pupil):
    answer = take_parts(sentences_assignment, pupil, KEYWORDS)
    html = sentences_result_page(pupil_client, answer)
    assert html.count("data-full-sentences") == 1
    assert "Niet in volledige zinnen: 1 punt afgetrokken." in html
    assert "voorstel van de computer" in html
    # The words are shown per part only.
    assert "data-word-count" not in html and html.count("data-part-words") == 2


def test_accepting_a_self_score_applies_the_flip(sentences_assignment, pupil, teacher):
    answer = services.self_score(
        answer=take_parts(sentences_assignment, pupil, KEYWORDS), elements=[0, 1, 2]
    )
    assert answer.self_points == 2  # the pupil's ticks, minus the proposal's point
    confirmed = marking.confirm_self_score(answer=answer, teacher=teacher, full_sentences=True)
    assert confirmed.final_points == 3


def test_a_question_in_parts_without_the_rule_shows_no_box(
    teacher_client, sentences_assignment, pupil
):
    question = sentences_assignment.exam.questions.get()
    question.scoring = SCORING
    question.save()
    answer = take_parts(sentences_assignment, pupil, KEYWORDS)
    assert answer.auto_points == 3
    assert "data-sentences" not in sentences_marking_page(teacher_client, answer)


def test_the_answer_model_states_the_rule_once(teacher_client, sentences_assignment):
    url = reverse("teacher:answer-model", args=[sentences_assignment.exam.pk])
    html = teacher_client.get(url).content.decode()
    assert html.count("Antwoord in volledige zinnen; anders gaat er 1p af.") == 1
    question = sentences_assignment.exam.questions.get()
    question.scoring = SCORING
    question.save()
    html = teacher_client.get(url).content.decode()
    assert "Antwoord in volledige zinnen" not in html
