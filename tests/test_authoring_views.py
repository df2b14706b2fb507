"""Authoring forms and pages: one form per kind, booklet checks, the regrade choice,
the preview and the answer model."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from exam import authoring, problems, scoring
from exam.authoring.forms import question_form_class
from exam.demo import demo_exam_data
from exam.loading import create_exam_from_data
from exam.models import Answer, Attempt, Exam, Question
from exam.problems import Problem
from exam.services import save_answer, start_attempt, submit_attempt

pytestmark = pytest.mark.django_db

COMMON = {"text", "stem", "max_points", "explanation", "answer_lines", "regrade", "regrade_for"}


@pytest.fixture
def exam(teacher, seed_text):
    # Pupils practise it freely in these tests (exam/visibility.py).
    return authoring.create_exam(
        author=teacher, title="Oefenexamen", texts=[seed_text], practice_visibility="open"
    )


@pytest.fixture
def demo_exam(teacher, seed_text):
    return create_exam_from_data(
        data=demo_exam_data(), texts=[seed_text], author=teacher, practice_visibility="open"
    )


def bound(form_class, exam, data, instance=None):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = str(value)
    return form_class(query, exam=exam, instance=instance)


def rows(prefix, items):
    """A formset's rows as a browser posts them: the management form and each row."""
    data = {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": 0}
    for index, values in enumerate(items):
        data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


def options(*texts):
    return rows("options", [{"content": text} for text in texts])


def score_table(*points):
    return rows("table", [{"points": p} for p in points])


def shown_data(form):
    """What a browser posts back for a form it was shown unchanged."""
    posted = {name: form[name].value() for name in form.fields}
    for formset in form.formsets.values():
        management = formset.management_form
        posted.update(
            {management[name].html_name: management[name].value() for name in management.fields}
        )
        for row in formset:
            posted.update({row[name].html_name: row[name].value() for name in row.fields})
    return {name: value for name, value in posted.items() if value not in (None, "")}


def row_errors(form, prefix, index, field):
    return " ".join(str(e) for e in form.formsets[prefix][index].errors.get(field, []))


def mc_post(seed_text, **changes):
    data = {
        "text": seed_text.pk,
        "stem": "Welke functie heeft alinea 1?",
        "max_points": 1,
        **options("een aanleiding", "een definitie", "een oorzaak"),
        "key": "A",
        "explanation": "",
        "answer_lines": "1-26",
    }
    data.update(changes)
    return data


def errors_on(form, field):
    return " ".join(str(e) for e in form.errors.get(field, []))


# --- each kind's form has only its own fields ------------------------------------------


@pytest.mark.parametrize(
    ("kind", "has", "row_lists", "lacks"),
    [
        ("mc", {"key"}, {"options"}, {"keys", "word_limit", "model_answer"}),
        ("multi", {"keys", "choose", "per_correct", "mode"}, {"options", "table"}, {"key"}),
        ("statements", {"pair", "word_1", "word_2"}, {"statements", "table"}, {"key", "mode"}),
        ("matching", {"per_pair", "mode"}, {"items", "targets", "table"}, {"key"}),
        ("ordering", {"order", "mode"}, {"options", "table"}, {"key", "keys", "per_correct"}),
        ("paragraph", {"accepted"}, set(), {"key", "spans", "word_limit"}),
        ("citation", {"citation_mode", "spans"}, set(), {"accepted"}),
        ("gap", {"review", "mode", "per_gap"}, {"gaps", "table"}, {"spans", "accepted"}),
        (
            "open",
            {"model_answer", "asked", "word_limit", "over_limit", "full_sentences"},
            {"elements"},
            {"key", "accepted"},
        ),
        (
            "summary",
            {"model_answer", "word_limit", "over_limit", "per_words", "deduct", "full_sentences"},
            {"elements"},
            {"asked", "key"},
        ),
    ],
)
def test_each_kinds_form_has_only_its_own_fields(exam, kind, has, row_lists, lacks):
    form = question_form_class(kind)(exam=exam)
    fields = set(form.fields)
    assert fields >= COMMON
    assert has <= fields
    assert not fields & lacks
    assert set(form.formsets) == row_lists


@pytest.mark.parametrize(
    ("kind", "prefix", "shown", "fields"),
    [
        ("mc", "options", 4, {"content"}),
        ("multi", "options", 4, {"content"}),
        ("ordering", "options", 3, {"content"}),
        ("statements", "statements", 3, {"content", "answer"}),
        ("matching", "items", 3, {"content", "pair", "links"}),
        ("matching", "targets", 3, {"content"}),
        ("open", "elements", 2, {"text", "points", "keywords"}),
    ],
)
def test_a_new_question_shows_enough_empty_rows(exam, kind, prefix, shown, fields):
    formset = question_form_class(kind)(exam=exam).formsets[prefix]
    assert len(formset.forms) == shown
    assert all(set(row.fields) == fields for row in formset)


def test_the_score_table_has_a_row_for_every_count_of_the_list_it_counts(exam):
    with translation.override("en"):
        form = question_form_class("statements")(exam=exam)
    table = form.formsets["table"]
    assert len(table.forms) == len(form.formsets["statements"].forms) + 1
    assert [row.fields["points"].label for row in table] == [
        "0 right",
        "1 right",
        "2 right",
        "3 right",
    ]


def test_there_is_a_form_for_every_kind_and_none_for_an_unknown_one():
    for kind in Question.Kind.values:
        assert question_form_class(kind).kind == kind
    assert question_form_class("essay") is None


def test_every_demo_question_comes_back_unchanged_through_its_form(demo_exam):
    """The edit form shows a stored question so that saving it changes nothing."""
    for question in demo_exam.questions.prefetch_related("choices"):
        form_class = question_form_class(question.kind)
        shown = form_class(exam=demo_exam, instance=question)
        form = bound(form_class, demo_exam, shown_data(shown), instance=question)
        assert form.is_valid(), (question.number, form.errors)
        data = form.question_data()
        stored = authoring.question_data(question)
        assert data.scoring == stored.scoring, question.number
        assert sorted(data.choices, key=repr) == sorted(stored.choices, key=repr)
        assert data.answer_lines == question.answer_lines


def test_editing_a_question_shows_every_option_however_many_and_one_empty_row(exam, seed_text):
    labels = "ABCDEFG"
    question = authoring.add_question(
        exam=exam,
        data=authoring.QuestionData(
            kind="mc",
            text=seed_text,
            stem="Welke functie heeft alinea 1?",
            max_points=1,
            scoring={"key": "G"},
            choices=tuple(authoring.ChoiceData("option", lbl, f"optie {lbl}") for lbl in labels),
        ),
    )
    shown = question_form_class("mc")(exam=exam, instance=question)
    formset = shown.formsets["options"]
    assert [row["content"].value() for row in formset] == [f"optie {lbl}" for lbl in labels] + [
        None
    ]
    assert [row.label for row in formset] == list("ABCDEFGH")
    assert [value for value, _label in shown.fields["key"].choices] == list("ABCDEFGH")
    form = bound(question_form_class("mc"), exam, shown_data(shown), instance=question)
    assert form.is_valid(), form.errors
    assert [c.label for c in form.question_data().choices] == list(labels)
    assert form.question_data().scoring == {"key": "G"}


def test_adding_a_row_shows_the_form_again_with_one_more_row_and_saves_nothing(
    teacher_client, exam, seed_text
):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc"
    response = teacher_client.post(url, {**mc_post(seed_text), "more": "options"})
    assert response.status_code == 200
    assert not exam.questions.exists()
    page = response.content.decode()
    assert 'name="options-TOTAL_FORMS" value="4"' in page
    assert 'name="options-3-content"' in page
    assert 'name="more" value="options"' in page
    # Nothing was judged yet: no error is shown for the row just added.
    assert "is-invalid" not in page
    form = response.context["form"]
    assert [row["content"].value() for row in form.formsets["options"]][:3] == [
        "een aanleiding",
        "een definitie",
        "een oorzaak",
    ]


def test_five_options_and_a_sixth_make_a_question_with_labels_a_to_f(
    teacher_client, exam, seed_text
):
    texts = [f"optie {n}" for n in range(1, 7)]
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc"
    response = teacher_client.post(url, mc_post(seed_text, key="F", **options(*texts)))
    assert response.status_code == 302
    question = exam.questions.get()
    assert list(question.choices.values_list("label", "content")) == list(
        zip("ABCDEF", texts, strict=True)
    )
    assert question.scoring == {"key": "F"}


# --- references are checked against the text -------------------------------------------


def test_regel_120_on_the_109_line_seed_is_a_form_error(exam, seed_text):
    form = bound(
        question_form_class("mc"), exam, mc_post(seed_text, stem="Wat staat er in regel 120?")
    )
    assert not form.is_valid()
    message = errors_on(form, "stem")
    assert "regel 120" in message and "109" in message


def test_alinea_7_on_a_five_paragraph_text_is_a_form_error(exam, seed_text):
    form = bound(
        question_form_class("mc"),
        exam,
        mc_post(seed_text, stem="Wat is de functie van alinea 7 in de tekst?"),
    )
    assert not form.is_valid()
    message = errors_on(form, "stem")
    assert "alinea 7" in message and "5" in message


def test_answer_lines_beyond_the_text_are_a_form_error(exam, seed_text):
    form = bound(question_form_class("mc"), exam, mc_post(seed_text, answer_lines="100-120"))
    assert not form.is_valid()
    assert "120" in errors_on(form, "answer_lines")


def test_answer_lines_are_written_the_one_way(exam, seed_text):
    form = bound(question_form_class("mc"), exam, mc_post(seed_text, answer_lines="regel 85 – 91"))
    assert form.is_valid(), form.errors
    assert form.question_data().answer_lines == "85-91"


def test_an_accepted_paragraph_that_does_not_exist_is_a_form_error(exam, seed_text):
    data = mc_post(seed_text, stem="In welke alinea staat de conclusie?", accepted="5, 7")
    form = bound(question_form_class("paragraph"), exam, data)
    assert not form.is_valid()
    assert "7" in errors_on(form, "accepted") and "5" in errors_on(form, "accepted")


def test_a_citation_span_must_be_in_the_text(exam, seed_text):
    base = mc_post(seed_text, stem="Citeer de zin uit alinea 2.", citation_mode="sentence")
    wrong = bound(
        question_form_class("citation"), exam, {**base, "spans": "Wie twittert, wordt beloond."}
    )
    assert not wrong.is_valid()
    assert "Wie twittert, wordt beloond." in errors_on(wrong, "spans")
    right = bound(
        question_form_class("citation"), exam, {**base, "spans": "Wie twittert, wordt gehoord."}
    )
    assert right.is_valid(), right.errors
    assert right.question_data().scoring == {
        "mode": "sentence",
        "spans": ["Wie twittert, wordt gehoord."],
    }


# --- kind data from the form -----------------------------------------------------------


def test_a_key_must_be_a_filled_option(exam, seed_text):
    form = bound(question_form_class("mc"), exam, mc_post(seed_text, key="D"))
    assert not form.is_valid()
    assert "key" in form.errors


def test_options_must_not_leave_a_gap(exam, seed_text):
    data = mc_post(seed_text, **options("een aanleiding", "een definitie", "", "een weerlegging"))
    form = bound(question_form_class("mc"), exam, data)
    with translation.override("en"):
        assert not form.is_valid()
        assert "C is empty" in row_errors(form, "options", 2, "content")


def statements_post(seed_text, **changes):
    data = {
        "text": seed_text.pk,
        "stem": "Geef van elk van de beweringen aan of deze juist of onjuist is.",
        "max_points": 2,
        **rows(
            "statements",
            [
                {"content": "De SVB werkt voor de overheid.", "answer": "juist"},
                {"content": "De hashtag was een week trending.", "answer": "onjuist"},
                {"content": "Er kwam een Kamerdebat.", "answer": "juist"},
                {"content": "", "answer": ""},
            ],
        ),
        **score_table(0, 0, 1, 2, 0),
        "answer_lines": "",
    }
    data.update(changes)
    return data


def test_a_statements_form_builds_answers_and_a_table_covering_every_count(exam, seed_text):
    form = bound(question_form_class("statements"), exam, statements_post(seed_text))
    assert form.is_valid(), form.errors
    data = form.question_data()
    assert data.scoring == {
        "answers": {"1": "juist", "2": "onjuist", "3": "juist"},
        "table": {"0": 0, "1": 0, "2": 1, "3": 2},
    }
    assert [c.label for c in data.choices] == ["1", "2", "3"]


def wel_niet_post(seed_text, **changes):
    data = statements_post(
        seed_text,
        pair="wel/niet",
        **{
            "statements-0-answer": "wel",
            "statements-1-answer": "niet",
            "statements-2-answer": "niet",
        },
    )
    data.update(changes)
    return data


def test_a_statements_question_with_wel_niet_is_created_with_its_pair(
    teacher_client, exam, seed_text
):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=statements"
    response = teacher_client.post(url, wel_niet_post(seed_text))
    assert response.status_code == 302
    question = exam.questions.get()
    assert question.scoring["values"] == ["wel", "niet"]
    assert question.scoring["answers"] == {"1": "wel", "2": "niet", "3": "niet"}
    # The edit form shows the pair and the answers in its words.
    page = teacher_client.get(reverse("teacher:question-edit", args=[exam.pk, question.pk]))
    html = page.content.decode()
    assert re.search(r'value="wel/niet"[^>]*checked', html)
    assert '<option value="niet" selected>niet</option>' in html
    assert "onjuist" not in html.split('name="statements-0-answer"')[1].split("</select>")[0]
    # The answer model shows the words.
    model = teacher_client.get(reverse("teacher:answer-model", args=[exam.pk])).content.decode()
    assert "wel / niet" in model


def test_juist_onjuist_names_no_pair_in_the_scoring(exam, seed_text):
    form = bound(
        question_form_class("statements"), exam, statements_post(seed_text, pair="juist/onjuist")
    )
    assert form.is_valid(), form.errors
    assert "values" not in form.question_data().scoring


def test_a_statements_question_with_a_typed_pair(teacher_client, exam, seed_text):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=statements"
    data = statements_post(
        seed_text,
        pair="custom",
        word_1=" Waar ",
        word_2="Niet waar",
        **{
            "statements-0-answer": "Waar",
            "statements-1-answer": "Niet waar",
            "statements-2-answer": "Waar",
        },
    )
    response = teacher_client.post(url, data)
    assert response.status_code == 302
    question = exam.questions.get()
    assert question.scoring["values"] == ["Waar", "Niet waar"]
    form = question_form_class("statements")(exam=exam, instance=question)
    assert form["pair"].value() == "custom"
    assert (form["word_1"].value(), form["word_2"].value()) == ("Waar", "Niet waar")
    # Shown and posted back unchanged, it changes nothing.
    again = bound(question_form_class("statements"), exam, shown_data(form), instance=question)
    assert again.is_valid(), again.errors
    assert again.question_data().scoring == question.scoring


@pytest.mark.parametrize(
    ("word_1", "word_2", "field", "message"),
    [
        ("", "niet", "word_1", "Type a word here."),
        ("wel", "", "word_2", "Type a word here."),
        ("Wel", "wel", "word_2", "The two words must differ, not both 'Wel'."),
        ("wel", "x" * 21, "word_2", "At most 20 characters."),
    ],
)
def test_an_invalid_typed_pair_is_an_error_on_its_word(
    teacher_client, exam, seed_text, word_1, word_2, field, message
):
    teacher_client.cookies["django_language"] = "en"
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=statements"
    data = wel_niet_post(seed_text, pair="custom", word_1=word_1, word_2=word_2)
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert errors_on(form, field) == message
    assert not exam.questions.exists()


def test_changing_the_pair_keeps_each_answer_in_its_place(exam, seed_text):
    # The rows were shown with juist/onjuist; the teacher picks wel/niet and saves.
    data = statements_post(seed_text, pair="wel/niet", shown_pair='["juist", "onjuist"]')
    form = bound(question_form_class("statements"), exam, data)
    assert form.is_valid(), form.errors
    assert form.question_data().scoring["answers"] == {"1": "wel", "2": "niet", "3": "wel"}


def test_changing_the_pair_of_an_answered_question_asks_to_regrade(
    teacher_client, exam, seed_text, pupil
):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=statements"
    teacher_client.post(url, statements_post(seed_text))
    question = exam.questions.get()
    authoring.publish_exam(exam=exam)
    attempt = start_attempt(pupil=pupil, exam=exam)
    save_answer(attempt=attempt, question=question, value={"1": "j", "2": "o", "3": "j"})
    submit_attempt(attempt=attempt)
    assert Answer.objects.get(question=question).final_points == 2
    edit = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    data = statements_post(seed_text, pair="wel/niet", shown_pair='["juist", "onjuist"]')
    page = teacher_client.post(edit, data).content.decode()
    assert 'id="regrade-summary"' in page
    assert re.search(r'id="regrade-lower">1<', page)
    question.refresh_from_db()
    assert "values" not in question.scoring
    fingerprint = re.search(r'name="regrade_for" value="([0-9a-f]+)"', page).group(1)
    data = wel_niet_post(seed_text, regrade="keep", regrade_for=fingerprint)
    data["statements-2-answer"] = "wel"
    response = teacher_client.post(edit, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.scoring["values"] == ["wel", "niet"]
    assert question.scoring["answers"] == {"1": "wel", "2": "niet", "3": "wel"}
    assert Answer.objects.get(question=question).final_points == 2


def test_a_score_table_with_a_missing_count_is_a_form_error(exam, seed_text):
    form = bound(
        question_form_class("statements"),
        exam,
        statements_post(seed_text, **{"table-1-points": ""}),
    )
    assert not form.is_valid()
    assert row_errors(form, "table", 1, "points")


def test_a_score_table_whose_best_is_not_the_maximum_is_a_form_error(exam, seed_text):
    form = bound(
        question_form_class("statements"), exam, statements_post(seed_text, **{"table-3-points": 1})
    )
    assert not form.is_valid()
    assert row_errors(form, "table", 3, "points")


def test_open_elements_become_the_answer_model(exam, seed_text):
    data = {
        "text": seed_text.pk,
        "stem": "Noem twee oorzaken uit alinea 1.",
        "max_points": 2,
        "model_answer": "achterstand / geen geld",
        **rows(
            "elements",
            [
                {
                    "text": "De SVB had een achterstand.",
                    "points": 1,
                    "keywords": "achterstand, achterstallig",
                },
                {"text": "Hulpverleners kregen geen geld.", "points": 1, "keywords": "geld"},
            ],
        ),
        "asked": 2,
    }
    form = bound(question_form_class("open"), exam, data)
    assert form.is_valid(), form.errors
    assert form.question_data().scoring == {
        "elements": [
            {
                "text": "De SVB had een achterstand.",
                "points": 1,
                "keywords": ["achterstand", "achterstallig"],
            },
            {"text": "Hulpverleners kregen geen geld.", "points": 1, "keywords": ["geld"]},
        ],
        "asked": 2,
    }
    too_few = bound(question_form_class("open"), exam, {**data, "max_points": 3})
    assert not too_few.is_valid()
    assert "max_points" in too_few.errors


def test_a_summary_has_a_word_limit_and_an_over_limit_rule(exam, seed_text):
    data = {
        "text": seed_text.pk,
        "stem": "Vat alinea 3 tot en met 5 samen in maximaal 50 woorden.",
        "max_points": 1,
        **rows(
            "elements",
            [{"text": "voorrang voor wie veel volgers heeft", "points": 1, "keywords": "voorrang"}],
        ),
        "word_limit": 50,
        "over_limit": "blocks",
        "per_words": 5,
        "deduct": 1,
    }
    form = bound(question_form_class("summary"), exam, data)
    assert form.is_valid(), form.errors
    question = form.question_data()
    assert question.word_limit == 50
    assert question.scoring["over_limit"] == {"per_words": 5, "deduct": 1}
    no_limit = bound(question_form_class("summary"), exam, {**data, "word_limit": ""})
    assert not no_limit.is_valid()
    assert "word_limit" in no_limit.errors


# --- pages -----------------------------------------------------------------------------


def test_a_teacher_creates_an_exam_and_adds_a_question(teacher_client, teacher, seed_text):
    response = teacher_client.post(
        reverse("teacher:exam-create"),
        {"title": "Nieuw examen", "level": "havo", "n_term": "1.0", "text_1": seed_text.pk},
    )
    exam = Exam.objects.get(title="Nieuw examen")
    assert response.status_code == 302
    assert response["Location"] == reverse("teacher:exam-detail", args=[exam.pk])
    assert exam.author == teacher
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc"
    response = teacher_client.post(url, mc_post(seed_text))
    assert response.status_code == 302
    question = exam.questions.get()
    assert (question.number, question.kind, question.scoring) == (1, "mc", {"key": "A"})
    assert list(question.choices.values_list("label", flat=True)) == ["A", "B", "C"]


def test_the_question_page_without_a_kind_offers_every_kind(teacher_client, exam):
    response = teacher_client.get(reverse("teacher:question-create", args=[exam.pk]))
    assert response.status_code == 200
    for kind in Question.Kind.values:
        assert f'id="kind-{kind}"' in response.content.decode()


def test_a_form_error_is_shown_and_nothing_is_saved(teacher_client, exam, seed_text):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc"
    response = teacher_client.post(url, mc_post(seed_text, stem="Lees regel 120."))
    assert response.status_code == 200
    assert "regel 120" in response.content.decode()
    assert not exam.questions.exists()


def test_editing_an_answered_question_shows_the_summary_and_needs_a_choice(
    teacher_client, exam, seed_text, pupil
):
    question = authoring.add_question(
        exam=exam,
        data=authoring.QuestionData(
            kind="mc",
            text=seed_text,
            stem="Welke functie heeft alinea 1?",
            max_points=1,
            scoring={"key": "A"},
            choices=tuple(
                authoring.ChoiceData("option", label, text)
                for label, text in (
                    ("A", "een aanleiding"),
                    ("B", "een definitie"),
                    ("C", "een oorzaak"),
                )
            ),
        ),
    )
    authoring.publish_exam(exam=exam)
    attempt = start_attempt(pupil=pupil, exam=exam)
    save_answer(attempt=attempt, question=question, value="B")
    submit_attempt(attempt=attempt)
    url = reverse("teacher:question-edit", args=[exam.pk, question.pk])

    first = teacher_client.post(url, mc_post(seed_text, key="B"))
    assert first.status_code == 200
    page = first.content.decode()
    assert 'id="regrade-summary"' in page
    assert re.search(r'id="regrade-higher">1<', page)
    question.refresh_from_db()
    assert question.scoring == {"key": "A"}

    fingerprint = re.search(r'name="regrade_for" value="([0-9a-f]+)"', page).group(1)
    second = teacher_client.post(
        url, mc_post(seed_text, key="B", regrade="regrade", regrade_for=fingerprint)
    )
    assert second.status_code == 302
    question.refresh_from_db()
    assert question.scoring == {"key": "B"}
    assert Answer.objects.get(question=question).final_points == 1
    attempt.refresh_from_db()
    assert attempt.total_points == 1


def test_a_regrade_choice_made_for_another_change_asks_again(
    teacher_client, exam, seed_text, pupil
):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc"
    teacher_client.post(url, mc_post(seed_text))
    question = exam.questions.get()
    authoring.publish_exam(exam=exam)
    attempt = start_attempt(pupil=pupil, exam=exam)
    save_answer(attempt=attempt, question=question, value="A")
    submit_attempt(attempt=attempt)
    edit = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    page = teacher_client.post(edit, mc_post(seed_text, key="B")).content.decode()
    fingerprint = re.search(r'name="regrade_for" value="([0-9a-f]+)"', page).group(1)
    # The teacher saw the summary for key B, but now posts key C with that choice.
    response = teacher_client.post(
        edit, mc_post(seed_text, key="C", regrade="regrade", regrade_for=fingerprint)
    )
    assert response.status_code == 200
    assert 'id="regrade-summary"' in response.content.decode()
    question.refresh_from_db()
    assert question.scoring == {"key": "A"}


def test_copy_makes_a_draft_for_the_copier(other_teacher_client, other_teacher, demo_exam):
    demo_exam.co_authors.add(other_teacher)
    response = other_teacher_client.post(reverse("teacher:exam-copy", args=[demo_exam.pk]))
    copy = Exam.objects.exclude(pk=demo_exam.pk).get()
    assert response["Location"] == reverse("teacher:exam-detail", args=[copy.pk])
    assert copy.author == other_teacher
    assert copy.questions.count() == demo_exam.questions.count()


def test_deleting_an_exam_with_attempts_needs_the_box_ticked(teacher_client, demo_exam, pupil):
    authoring.publish_exam(exam=demo_exam)
    submit_attempt(attempt=start_attempt(pupil=pupil, exam=demo_exam))
    url = reverse("teacher:exam-delete", args=[demo_exam.pk])
    page = teacher_client.get(url)
    assert 'id="attempts-warning"' in page.content.decode()
    refused = teacher_client.post(url, {})
    assert refused.status_code == 200
    assert Exam.objects.filter(pk=demo_exam.pk).exists()
    done = teacher_client.post(url, {"confirm": "on", "seen": 1})
    assert done["Location"] == reverse("teacher:exam-list")
    assert not Exam.objects.filter(pk=demo_exam.pk).exists()


def test_attempts_started_after_the_delete_page_was_shown_are_not_deleted_unseen(
    teacher_client, demo_exam, pupil
):
    url = reverse("teacher:exam-delete", args=[demo_exam.pk])
    assert 'name="seen" value="0"' in teacher_client.get(url).content.decode()
    authoring.publish_exam(exam=demo_exam)
    submit_attempt(attempt=start_attempt(pupil=pupil, exam=demo_exam))
    # The teacher confirms the page that said "no attempts", with the box now needed.
    response = teacher_client.post(url, {"seen": 0, "confirm": "on"})
    assert response["Location"] == url
    assert Exam.objects.filter(pk=demo_exam.pk).exists()
    assert Attempt.objects.count() == 1


def test_publishing_an_incomplete_exam_lists_what_is_missing(teacher_client, exam):
    response = teacher_client.post(
        reverse("teacher:exam-publish", args=[exam.pk]), {"action": "publish"}, follow=True
    )
    exam.refresh_from_db()
    assert not exam.is_published
    assert 'id="publish-problems"' in response.content.decode()


def test_moving_a_question_down(teacher_client, demo_exam):
    first = demo_exam.questions.get(number=1)
    teacher_client.post(
        reverse("teacher:question-move", args=[demo_exam.pk, first.pk]), {"direction": "down"}
    )
    first.refresh_from_db()
    assert first.number == 2
    bad = teacher_client.post(
        reverse("teacher:question-move", args=[demo_exam.pk, first.pk]), {"direction": "sideways"}
    )
    assert bad.status_code == 302
    first.refresh_from_db()
    assert first.number == 2


def test_the_preview_shows_the_exam_as_a_pupil_sees_it_and_saves_nothing(teacher_client, demo_exam):
    response = teacher_client.get(reverse("teacher:exam-preview", args=[demo_exam.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="exam-question"') == demo_exam.questions.count()
    assert f'id="text-{demo_exam.questions.first().text_id}-line-109"' in page
    # The answer model stays out of the pupil's view, and nothing posts anywhere.
    explanation = demo_exam.questions.get(number=1).explanation
    assert explanation[:40] not in page
    assert 'method="post" action="/attempt' not in page
    assert "hx-post" not in page
    assert not Attempt.objects.exists()


def test_the_answer_model_shows_keys_elements_and_lines_to_highlight(teacher_client, demo_exam):
    response = teacher_client.get(reverse("teacher:answer-model", args=[demo_exam.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="model-question"') == demo_exam.questions.count()
    first = demo_exam.questions.get(number=1)
    assert first.explanation[:40] in page
    assert 'class="is-key"' in page
    text_id = first.text_id
    assert f'data-text="{text_id}" data-lines="{" ".join(str(n) for n in range(1, 27))}"' in page
    summary = demo_exam.questions.get(kind="summary")
    for element in summary.scoring["elements"]:
        assert element["text"] in page
    assert f'id="text-{text_id}-line-85"' in page


def test_the_exam_list_shows_own_and_shared_exams_in_few_queries(
    teacher_client, teacher, other_teacher, seed_text, django_assert_max_num_queries
):
    for n in range(5):
        authoring.create_exam(author=teacher, title=f"Eigen {n}", texts=[seed_text])
    shared = authoring.create_exam(author=other_teacher, title="Gedeeld", texts=[seed_text])
    shared.co_authors.add(teacher)
    authoring.create_exam(author=other_teacher, title="Niet van mij", texts=[seed_text])
    with django_assert_max_num_queries(8):
        response = teacher_client.get(reverse("teacher:exam-list"))
    page = response.content.decode()
    assert "Eigen 4" in page and "Gedeeld" in page
    assert "Niet van mij" not in page


def test_pages_speak_english_on_request(teacher_client, demo_exam):
    teacher_client.cookies["django_language"] = "en"
    with translation.override("en"):
        page = teacher_client.get(reverse("teacher:answer-model", args=[demo_exam.pk]))
    assert "General rules" in page.content.decode()


@pytest.mark.parametrize("kind", Question.Kind.values)
@pytest.mark.parametrize("filler", ["", "999999", "A, 7; 120-3"])
def test_nonsense_in_any_field_is_a_form_error_never_a_crash(exam, seed_text, kind, filler):
    form_class = question_form_class(kind)
    shown = form_class(exam=exam)
    data = dict.fromkeys(shown.fields, filler)
    for formset in shown.formsets.values():
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{formset.prefix}-INITIAL_FORMS"] = 0
        for row in formset:
            data.update(dict.fromkeys((row[name].html_name for name in row.fields), filler))
    data["text"] = seed_text.pk
    data["max_points"] = 2
    form = bound(form_class, exam, data)
    assert not form.is_valid()
    assert form.errors


@pytest.mark.parametrize("name", ["exam-detail", "answer-model", "exam-preview", "exam-edit"])
def test_exam_pages_take_a_fixed_number_of_queries(
    teacher_client, demo_exam, name, django_assert_max_num_queries
):
    # The demo exam has 15 questions: one query per question would blow this budget.
    with django_assert_max_num_queries(15):
        response = teacher_client.get(reverse(f"teacher:{name}", args=[demo_exam.pk]))
    assert response.status_code == 200


def test_with_two_texts_a_question_names_its_text(teacher, seed_text, admin_user, seed_raw):
    from texts.services import import_text

    second = import_text(raw=seed_raw, uploaded_by=admin_user, title="Tweede", publish=True)
    exam = authoring.create_exam(author=teacher, title="Twee", texts=[seed_text, second])
    with translation.override("en"):
        form = question_form_class("mc")(exam=exam)
        labels = [label for _value, label in form.fields["text"].choices]
    assert labels == [f"Text 1: {seed_text.title}", "Text 2: Tweede"]
    chosen = bound(question_form_class("mc"), exam, mc_post(second))
    assert chosen.is_valid(), chosen.errors
    assert chosen.question_data().text == second
    outside = authoring.create_exam(author=teacher, title="Ander", texts=[second])
    foreign = bound(question_form_class("mc"), outside, mc_post(seed_text))
    assert not foreign.is_valid()
    assert "text" in foreign.errors


def test_an_n_term_outside_0_to_2_is_a_form_error(teacher_client, exam, seed_text):
    response = teacher_client.post(
        reverse("teacher:exam-edit", args=[exam.pk]),
        {"title": "Ander", "level": "havo", "n_term": "2.5", "text_1": seed_text.pk},
    )
    assert response.status_code == 200
    assert "n_term" in response.context["form"].errors
    exam.refresh_from_db()
    assert (exam.title, exam.n_term) == ("Oefenexamen", 1)
    # The header still shows the saved title, not the one typed into the form.
    assert '<h1 class="h3 mb-0 me-2" id="exam-title">Oefenexamen</h1>' in response.content.decode()


def test_a_multiple_choice_question_without_a_key_says_so_at_the_key(
    teacher_client, exam, seed_text
):
    url = reverse("teacher:question-create", args=[exam.pk]) + "?kind=mc"
    data = mc_post(seed_text)
    del data["key"]
    response = teacher_client.post(url, data)
    assert response.status_code == 200
    assert not exam.questions.exists()
    html = response.content.decode()
    # The message stands in the key's own group, before the next field starts.
    key_group = html[html.index('id="div_id_key"') :]
    key_group = key_group[: key_group.index('id="div_id_explanation"')]
    assert "Kies welke optie het goede antwoord is." in key_group


# --- each rule is written once: the form shows the kind's problem, in its words --------


def multi_post(seed_text, **changes):
    data = {
        **mc_post(seed_text, max_points=2),
        "keys": ["A", "B"],
        "choose": 2,
        "mode": "per",
        "per_correct": 1,
    }
    del data["key"]
    data.update(changes)
    return data


def matching_post(seed_text, **changes):
    data = {
        **mc_post(seed_text, max_points=2),
        **rows(
            "items", [{"content": "alinea 1", "pair": "1"}, {"content": "alinea 2", "pair": "2"}]
        ),
        **rows("targets", [{"content": "aanleiding"}, {"content": "gevolg"}, {"content": ""}]),
        "mode": "per",
        "per_pair": 1,
    }
    del data["key"]
    data.update(changes)
    return data


def open_post(seed_text, **changes):
    data = {
        **mc_post(seed_text, stem="Noem twee oorzaken.", max_points=2),
        **rows(
            "elements",
            [
                {"text": "De SVB had een achterstand.", "points": 1, "keywords": "achterstand"},
                {"text": "Hulpverleners kregen geen geld.", "points": 1, "keywords": "geld"},
            ],
        ),
    }
    del data["key"]
    data.update(changes)
    return data


def shown_at(form, place):
    """The errors on a form field ("key") or a row's field (("table", 3, "points"))."""
    if isinstance(place, tuple):
        return [str(e) for e in form.formsets[place[0]][place[1]].errors.get(place[2], [])]
    return [str(e) for e in form.errors.get(place, [])]


@pytest.mark.parametrize(
    ("kind", "post", "changes", "place", "problem"),
    [
        (
            "mc",
            mc_post,
            # A fourth row, left empty: D is a letter the key may be, not an option.
            {"key": "D", **options("een aanleiding", "een definitie", "een oorzaak", "")},
            "key",
            Problem("key", "key_not_option", {"key": "D", "options": ["A", "B", "C"]}),
        ),
        (
            "mc",
            mc_post,
            {"key": "A", **options("een aanleiding", "", "", "")},
            ("options", 1, "content"),
            Problem("choices", "too_few_options", {"count": 2}),
        ),
        (
            "multi",
            multi_post,
            {"keys": ["A"], "choose": 1, "max_points": 1, **options("een", "twee", "")},
            ("options", 2, "content"),
            Problem("choices", "too_few_options", {"count": 3}),
        ),
        (
            "multi",
            multi_post,
            {"keys": ["A", "D"], **options("een aanleiding", "een definitie", "een oorzaak", "")},
            "keys",
            Problem("keys", "key_not_options", {"key": ["D"], "options": ["A", "B", "C"]}),
        ),
        (
            "multi",
            multi_post,
            {"choose": 3, **options("een aanleiding", "een definitie", "een oorzaak", "")},
            "choose",
            Problem("choose", "choose_all"),
        ),
        (
            "multi",
            multi_post,
            {"max_points": 3},
            "per_correct",
            Problem(
                "per_correct", "per_best_not_max", {"count": 2, "per": 1, "total": 2, "max": 3}
            ),
        ),
        (
            "statements",
            statements_post,
            {"table-1-points": ""},
            ("table", 1, "points"),
            Problem("table:1", "table_missing_count", {"count": 1}),
        ),
        (
            "statements",
            statements_post,
            {"table-3-points": 1},
            ("table", 3, "points"),
            Problem("table:3", "table_best_not_max", {"count": 3, "points": 1, "max": 2}),
        ),
        (
            "statements",
            statements_post,
            {"table-2-points": 0, "table-1-points": 1},
            ("table", 2, "points"),
            Problem("table:2", "table_not_rising"),
        ),
        (
            "statements",
            statements_post,
            {"table-2-points": 3},
            ("table", 2, "points"),
            Problem("table:2", "table_points_above_max", {"points": 3, "count": 2, "max": 2}),
        ),
        (
            "statements",
            statements_post,
            {"statements-1-answer": ""},
            ("statements", 1, "answer"),
            Problem("answer:2", "statement_unanswered", {"label": "2"}),
        ),
        (
            "statements",
            statements_post,
            {"statements-3-answer": "juist"},
            ("statements", 3, "content"),
            Problem("statement:4", "answer_not_statement", {"label": "4"}),
        ),
        (
            "matching",
            matching_post,
            {"items-1-pair": ""},
            ("items", 1, "pair"),
            Problem("pair:b", "item_unpaired", {"item": "b"}),
        ),
        (
            "matching",
            matching_post,
            {"items-1-pair": "3"},
            ("items", 1, "pair"),
            Problem(
                "pair:b", "pair_not_target", {"item": "b", "target": "3", "targets": ["1", "2"]}
            ),
        ),
        (
            "matching",
            matching_post,
            rows("targets", [{"content": "aanleiding"}, {"content": ""}, {"content": ""}]),
            ("targets", 1, "content"),
            Problem("targets", "too_few_targets"),
        ),
        (
            "statements",
            statements_post,
            rows("statements", [{"content": "", "answer": ""}] * 3),
            ("statements", 0, "content"),
            Problem("choices", "no_statements"),
        ),
        (
            "matching",
            matching_post,
            {"per_pair": 2},
            "per_pair",
            Problem("per_pair", "per_best_not_max", {"count": 2, "per": 2, "total": 4, "max": 2}),
        ),
        (
            "ordering",
            lambda seed_text, **c: mc_post(seed_text, mode="all", **c),
            {"order": "B A"},
            "order",
            Problem(
                "order", "order_not_arrangement", {"order": ["B", "A"], "items": ["A", "B", "C"]}
            ),
        ),
        (
            "paragraph",
            mc_post,
            {"accepted": "5, 7"},
            "accepted",
            Problem("accepted", "paragraph_missing", {"number": 7, "count": 5}),
        ),
        (
            "citation",
            lambda seed_text, **c: mc_post(seed_text, citation_mode="first_last", **c),
            {"spans": "Wie"},
            "spans",
            Problem("spans", "span_too_short", {"span": "Wie"}),
        ),
        (
            "gap",
            mc_post,
            rows("gaps", [{"accepted": "‘’"}]),
            ("gaps", 0, "accepted"),
            Problem("accepted", "empty_accepted_answer"),
        ),
        (
            "open",
            open_post,
            {"max_points": 3},
            "max_points",
            Problem("max_points", "elements_too_few_points", {"total": 2, "max": 3}),
        ),
        ("open", open_post, {"asked": 3}, "asked", Problem("asked", "bad_asked", {"count": 2})),
        (
            "open",
            open_post,
            {"elements-1-text": ""},
            ("elements", 1, "text"),
            Problem("element:1", "element_no_text", {"number": 2}),
        ),
    ],
)
def test_a_form_shows_the_kinds_problem_in_the_one_message_where_it_is(
    exam, seed_text, kind, post, changes, place, problem
):
    """The form restates no rule: it shows exactly problems.message() of the problem the
    kind's validate finds, on the field or row the problem names, in Dutch."""
    with translation.override("nl"):
        form = bound(question_form_class(kind), exam, post(seed_text, **changes))
        assert not form.is_valid()
        assert shown_at(form, place) == [problems.message(problem)]
        found = scoring.check_scoring(
            kind=kind,
            scoring=form.question_data().scoring,
            max_points=form.question_data().max_points,
            labels={
                role: [c.label for c in form.question_data().choices if c.role == role]
                for role in ("option", "statement", "item", "target")
            },
            paragraph_count=5,
            lines=list(form.booklet().lines),
        )
    assert problem in found
    with translation.override("en"):
        assert shown_at(form, place) != [problems.message(problem)]
