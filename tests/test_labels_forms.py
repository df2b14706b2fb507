"""The authoring forms with labels as the exam prints them and with several targets
per matching item: client tests through the teacher's pages.

Numbers round-trip (saved, shown again, saved unchanged), changing the style relabels
the key, keys, order and pairs with the options, editing never drops a row or a link,
and a problem shows in Dutch on the row that holds it.
"""

import re

import pytest
from django.urls import reverse

from exam import authoring
from exam.authoring.forms import question_form_class
from exam.models import Question
from exam.services import save_answer, start_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(teacher, seed_text):
    return authoring.create_exam(
        author=teacher, title="Nummers", texts=[seed_text], practice_visibility="open"
    )


def rows(prefix, items):
    data = {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": 0}
    for index, values in enumerate(items):
        data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


def options(*texts):
    return rows("options", [{"content": text} for text in texts])


EIGHT = [f"standpunt {n}" for n in range(1, 9)]


def base(seed_text, **changes):
    data = {
        "text": seed_text.pk,
        "stem": "Welke drie standpunten noemt de schrijver? Noteer alleen de nummers.",
        "max_points": 3,
        "explanation": "",
        "answer_lines": "1-26",
    }
    data.update(changes)
    return data


def multi_post(seed_text, **changes):
    data = base(
        seed_text,
        labels="number",
        **options(*EIGHT),
        keys=["2", "5", "7"],
        choose=3,
        mode="per",
        per_correct=1,
    )
    data.update(changes)
    return data


def persons_post(seed_text, **changes):
    """Three persons (items 1-3), five opinions (targets A-E), several per person."""
    data = base(
        seed_text,
        stem="Geef bij elke persoon aan welke standpunten hij verdedigt.",
        max_points=4,
        item_labels="number",
        target_labels="upper",
        multiple="on",
        mode="per",
        per_pair=1,
        **rows(
            "items",
            [
                {"content": "Jansen", "links": ["A", "C"]},
                {"content": "De Vries", "links": []},
                {"content": "Bakker", "links": ["C", "E"]},
            ],
        ),
        **rows("targets", [{"content": f"standpunt {t}"} for t in "ABCDE"]),
    )
    data.update(changes)
    return data


def create(client, exam, kind, data):
    url = reverse("teacher:question-create", args=[exam.pk]) + f"?kind={kind}"
    return client.post(url, data)


def edit_url(question):
    return reverse("teacher:question-edit", args=[question.exam_id, question.pk])


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
    return {name: value for name, value in posted.items() if value not in (None, "", [])}


def resave_unchanged(client, question):
    """Open the edit page's form as shown and post it back."""
    form = question_form_class(question.kind)(exam=question.exam, instance=question)
    response = client.post(edit_url(question), shown_data(form))
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    return question


def labels_of(question, role):
    return list(
        question.choices.filter(role=role).order_by("position").values_list("label", flat=True)
    )


def test_a_numbered_multiple_response_of_eight_options_is_saved_and_shown_again(
    teacher_client, exam, seed_text
):
    response = create(teacher_client, exam, "multi", multi_post(seed_text))
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert labels_of(question, "option") == [str(n) for n in range(1, 9)]
    assert question.scoring == {"keys": ["2", "5", "7"], "choose": 3, "per_correct": 1}
    page = teacher_client.get(edit_url(question)).content.decode()
    # The style radio shows numbers chosen, the key boxes 1..8 with 2, 5, 7 ticked.
    assert re.search(r'name="labels" value="number"[^>]*checked', page)
    ticked = re.findall(r'name="keys" value="(\d+)"[^>]*checked', page)
    assert ticked == ["2", "5", "7"]
    again = resave_unchanged(teacher_client, question)
    assert again.scoring == question.scoring
    assert labels_of(again, "option") == [str(n) for n in range(1, 9)]
    assert list(again.choices.order_by("position").values_list("content", flat=True)) == EIGHT


@pytest.mark.parametrize(
    ("kind", "changes", "stored", "new_style", "expected"),
    [
        ("mc", {"key": "C"}, {"key": "C"}, "number", {"key": "3"}),
        (
            "multi",
            {"keys": ["B", "D"], "choose": 2, "max_points": 2},
            {"keys": ["B", "D"], "choose": 2, "per_correct": 1},
            "number",
            {"keys": ["2", "4"], "choose": 2, "per_correct": 1},
        ),
        (
            "ordering",
            {"order": "C A D B", "mode": "all"},
            {"order": ["C", "A", "D", "B"]},
            "number",
            {"order": ["3", "1", "4", "2"]},
        ),
    ],
)
def test_changing_the_style_relabels_the_options_and_the_key(
    teacher_client, exam, seed_text, kind, changes, stored, new_style, expected
):
    data = base(seed_text, max_points=1, **options("een", "twee", "drie", "vier"))
    data.update({"mode": "per", "per_correct": 1} if kind == "multi" else {})
    data.update(changes)
    assert create(teacher_client, exam, kind, data).status_code == 302
    question = exam.questions.get()
    assert question.scoring == stored
    assert labels_of(question, question.choices.first().role) == ["A", "B", "C", "D"]
    # The teacher picks numbers and saves the form as shown otherwise.
    form = question_form_class(kind)(exam=exam, instance=question)
    posted = shown_data(form)
    posted["labels"] = new_style
    response = teacher_client.post(edit_url(question), posted)
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    assert question.scoring == expected
    role = question.choices.first().role
    assert labels_of(question, role) == ["1", "2", "3", "4"]
    assert list(question.choices.order_by("position").values_list("content", flat=True)) == [
        "een",
        "twee",
        "drie",
        "vier",
    ]
    # And back to letters: the same question as at first.
    posted = shown_data(question_form_class(kind)(exam=exam, instance=question))
    posted["labels"] = "upper"
    assert teacher_client.post(edit_url(question), posted).status_code == 302
    question.refresh_from_db()
    assert question.scoring == stored


def test_a_question_with_answers_keeps_its_labels(teacher_client, exam, seed_text, pupil):
    data = base(seed_text, max_points=1, key="B", **options("een", "twee", "drie"))
    assert create(teacher_client, exam, "mc", data).status_code == 302
    question = exam.questions.get()
    attempt = start_attempt(exam=exam, pupil=pupil)
    save_answer(attempt=attempt, question=question, value="B")
    posted = shown_data(question_form_class("mc")(exam=exam, instance=question))
    posted["labels"] = "number"
    response = teacher_client.post(edit_url(question), posted)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("labels", []))
    assert "heeft al antwoorden" in errors
    question.refresh_from_db()
    assert question.scoring == {"key": "B"}
    assert labels_of(question, "option") == ["A", "B", "C"]


def test_a_gap_in_numbered_options_is_a_dutch_error_on_its_row(teacher_client, exam, seed_text):
    data = multi_post(
        seed_text, **options("een", "twee", "", "vier"), keys=["1", "2"], choose=2, max_points=2
    )
    response = create(teacher_client, exam, "multi", data)
    assert response.status_code == 200
    form = response.context["form"]
    row = " ".join(form.formsets["options"][2].errors.get("content", []))
    assert "3 is leeg" in row
    assert not exam.questions.exists()


def test_a_numbered_key_outside_the_options_is_a_dutch_error_on_the_keys(
    teacher_client, exam, seed_text
):
    data = multi_post(
        seed_text, **options("een", "twee", "drie", ""), keys=["1", "4"], choose=2, max_points=2
    )
    response = create(teacher_client, exam, "multi", data)
    assert response.status_code == 200
    keys = " ".join(response.context["form"].errors.get("keys", []))
    assert "(1, 2, 3)" in keys and "niet 4" in keys


# --- matching: styles per list, several targets per item ----------------------------


def test_a_multi_target_matching_question_is_saved_with_every_link(teacher_client, exam, seed_text):
    response = create(teacher_client, exam, "matching", persons_post(seed_text))
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert question.scoring == {
        "pairs": {"1": ["A", "C"], "2": [], "3": ["C", "E"]},
        "multiple": True,
        "per_pair": 1,
    }
    assert labels_of(question, "item") == ["1", "2", "3"]
    assert labels_of(question, "target") == ["A", "B", "C", "D", "E"]


def test_editing_a_multi_target_question_keeps_every_link_and_row(teacher_client, exam, seed_text):
    assert create(teacher_client, exam, "matching", persons_post(seed_text)).status_code == 302
    question = exam.questions.get()
    page = teacher_client.get(edit_url(question)).content.decode()
    assert re.search(r'name="multiple"[^>]*checked', page)
    ticked = re.findall(r'name="items-(\d)-links" value="([A-E])"[^>]*checked', page)
    assert ticked == [("0", "A"), ("0", "C"), ("2", "C"), ("2", "E")]
    again = resave_unchanged(teacher_client, question)
    assert again.scoring["pairs"] == {"1": ["A", "C"], "2": [], "3": ["C", "E"]}
    assert labels_of(again, "target") == ["A", "B", "C", "D", "E"]
    # Adding an item keeps what was ticked.
    form = question_form_class("matching")(exam=exam, instance=again)
    posted = {**shown_data(form), "more": "items"}
    response = teacher_client.post(edit_url(again), posted)
    assert response.status_code == 200
    grown = response.context["form"]
    assert len(grown.formsets["items"].forms) == len(form.formsets["items"].forms) + 1
    html = response.content.decode()
    assert re.findall(r'name="items-(\d)-links" value="([A-E])"[^>]*checked', html) == ticked


def test_a_score_table_over_the_links(teacher_client, exam, seed_text):
    data = persons_post(seed_text, max_points=2, mode="table")
    data.update(rows("table", [{"points": p} for p in (0, 0, 1, 1, 2)]))
    response = create(teacher_client, exam, "matching", data)
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert question.scoring["table"] == {"0": 0, "1": 0, "2": 1, "3": 1, "4": 2}


def test_a_table_shorter_than_the_links_is_a_dutch_error_on_its_row(
    teacher_client, exam, seed_text
):
    data = persons_post(seed_text, max_points=2, mode="table")
    data.update(rows("table", [{"points": p} for p in (0, 0, 1, 1, "")]))
    response = create(teacher_client, exam, "matching", data)
    assert response.status_code == 200
    table = response.context["form"].formsets["table"]
    assert "Geef de punten voor 4 goed." in " ".join(table[4].errors.get("points", []))
    assert not exam.questions.exists()


@pytest.mark.parametrize(
    ("changes", "prefix", "index", "field", "words"),
    [
        # No box ticked anywhere: the message on the first item's boxes.
        (
            {"items-0-links": [], "items-2-links": []},
            "items",
            0,
            "links",
            "Vink bij ten minste één",
        ),
        # A link to an empty target row.
        ({"items-2-links": ["C", "F"]}, "items", 2, "links", "F"),
    ],
)
def test_a_multi_target_problem_shows_in_dutch_on_its_item(
    teacher_client, exam, seed_text, changes, prefix, index, field, words
):
    data = persons_post(seed_text)
    data.update(
        rows("targets", [{"content": f"standpunt {t}"} for t in "ABCDE"] + [{"content": ""}])
    )
    data.update(changes)
    response = create(teacher_client, exam, "matching", data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].formsets[prefix][index].errors.get(field, []))
    assert words in errors
    assert not exam.questions.exists()


def test_switching_to_several_targets_keeps_each_items_target(teacher_client, exam, seed_text):
    data = base(
        seed_text,
        max_points=2,
        mode="per",
        per_pair=1,
        **rows(
            "items", [{"content": "alinea 1", "pair": "2"}, {"content": "alinea 2", "pair": "1"}]
        ),
        **rows("targets", [{"content": "aanleiding"}, {"content": "gevolg"}]),
    )
    assert create(teacher_client, exam, "matching", data).status_code == 302
    question = exam.questions.get()
    assert question.scoring == {"pairs": {"a": "2", "b": "1"}, "per_pair": 1}
    form = question_form_class("matching")(exam=exam, instance=question)
    posted = shown_data(form)
    assert posted["shown_multiple"] == "0"
    posted["multiple"] = "on"
    response = teacher_client.post(edit_url(question), posted)
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    assert question.scoring == {"pairs": {"a": ["2"], "b": ["1"]}, "multiple": True, "per_pair": 1}
    # And back: each item's one box is its target again.
    posted = shown_data(question_form_class("matching")(exam=exam, instance=question))
    posted.pop("multiple")
    assert teacher_client.post(edit_url(question), posted).status_code == 302
    question.refresh_from_db()
    assert question.scoring == {"pairs": {"a": "2", "b": "1"}, "per_pair": 1}


def test_changing_the_matching_styles_relabels_items_targets_and_links(
    teacher_client, exam, seed_text
):
    assert create(teacher_client, exam, "matching", persons_post(seed_text)).status_code == 302
    question = exam.questions.get()
    posted = shown_data(question_form_class("matching")(exam=exam, instance=question))
    posted.update({"item_labels": "lower", "target_labels": "number"})
    response = teacher_client.post(edit_url(question), posted)
    assert response.status_code == 302, response.context["form"].errors
    question.refresh_from_db()
    assert question.scoring["pairs"] == {"a": ["1", "3"], "b": [], "c": ["3", "5"]}
    assert labels_of(question, "item") == ["a", "b", "c"]
    assert labels_of(question, "target") == ["1", "2", "3", "4", "5"]


def test_the_answer_model_lists_every_link(teacher_client, exam, seed_text):
    assert create(teacher_client, exam, "matching", persons_post(seed_text)).status_code == 302
    page = teacher_client.get(reverse("teacher:answer-model", args=[exam.pk])).content.decode()
    jansen = page[page.index("Jansen") : page.index("De Vries")]
    assert "standpunt A" in jansen and "standpunt C" in jansen and "standpunt B" not in jansen
    assert Question.objects.get(exam=exam).scoring["multiple"] is True


def test_apply_the_labels_shows_the_form_again_in_numbers_without_saving(
    teacher_client, exam, seed_text
):
    data = base(seed_text, max_points=2, mode="per", per_correct=1, choose=2)
    data.update(options("een", "twee", "drie", "vier", ""), keys=["B", "D"])
    data.update({"labels": "number", "shown_labels": "upper", "relabel": "1"})
    response = create(teacher_client, exam, "multi", data)
    assert response.status_code == 200
    assert not exam.questions.exists()
    form = response.context["form"]
    assert not form.errors
    assert form.formsets["options"].labels == ["1", "2", "3", "4", "5"]
    html = response.content.decode()
    assert re.findall(r'name="keys" value="(\d)"[^>]*checked', html) == ["2", "4"]
    assert re.search(r'name="shown_labels" value="number"', html)
    # Saved from there: the numbers, and no second relabelling.
    data.update({"keys": ["2", "4"], "shown_labels": "number"})
    del data["relabel"]
    assert create(teacher_client, exam, "multi", data).status_code == 302
    assert exam.questions.get().scoring["keys"] == ["2", "4"]
