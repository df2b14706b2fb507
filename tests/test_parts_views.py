"""An open question in parts on the teacher's and the pupil's pages: the authoring
form, saving an answer, the result page and the marking page."""

import re
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from exam import authoring, problems, services
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
