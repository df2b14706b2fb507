"""The network drops during the exam: answers given meanwhile reach the server later.

A page cannot be reloaded with no network at all (the browser shows its own error
page), so the test does what can happen in a class: the connection goes (the browser
is offline) while the pupil answers three questions and changes one of them again;
the connection comes back for page loads but the saves still fail (a flaky network,
simulated by refusing the save URL), and the pupil reloads. The reloaded page holds
the three answers from this computer's store while the server has none of them; when
saving works again, all three are stored, each the last version given, with the
revision of its last save (an older save can never overwrite it).
"""

import pytest
from playwright.sync_api import expect

from exam.models import Answer
from tests.browser.browser_builders import start_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVES = "**/answers/**"


def type_answer(page, number: int, text: str) -> None:
    field = page.locator(f"#question-{number} [name=value]")
    field.fill(text)
    field.press("Tab")
    expect(page.locator(f"#q{number}-status [data-state=retrying]")).to_be_visible()


def stored(exam) -> dict[int, tuple]:
    return {
        a.question.number: (a.response, a.revision)
        for a in Answer.objects.filter(attempt__exam=exam).select_related("question")
    }


def test_three_answers_given_offline_survive_a_reload_and_are_stored_when_back(
    live_server, context, page, demo_exam
):
    page.set_default_timeout(15000)
    start_exam(page, live_server, demo_exam)
    page.on("dialog", lambda dialog: dialog.accept())

    # Offline: three answers, the first changed again after the others.
    context.set_offline(True)
    type_answer(page, 2, "De SVB betaalde te laat uit.")
    type_answer(page, 9, "Brutale mensen krijgen voorrang.")
    type_answer(page, 10, "voordringkanalen")
    type_answer(page, 2, "De SVB had een achterstand bij het uitbetalen.")
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "offline")
    expect(page.locator("#exam-alert")).to_be_visible()

    # Pages load again, saves still fail; the pupil reloads.
    page.route(SAVES, lambda route: route.abort("internetdisconnected"))
    context.set_offline(False)
    page.reload()
    expect(page.locator("#question-2 [name=value]")).to_have_value(
        "De SVB had een achterstand bij het uitbetalen."
    )
    expect(page.locator("#question-9 [name=value]")).to_have_value(
        "Brutale mensen krijgen voorrang."
    )
    expect(page.locator("#question-10 [name=value]")).to_have_value("voordringkanalen")
    expect(page.locator("#q2-status [data-state=retrying]")).to_be_visible()
    assert stored(demo_exam) == {}
    revisions = page.evaluate(
        "() => Object.fromEntries([2, 9, 10].map("
        "n => [n, +document.getElementById('answer-' + n).dataset.revision]))"
    )

    # Saving works again: the retries store all three, the last versions.
    page.unroute(SAVES)
    expect(page.locator("#exam")).to_have_attribute("data-pending", "0", timeout=30000)
    expect(page.locator("#exam-save-state")).to_have_attribute("data-state", "saved")
    answers = stored(demo_exam)
    assert {n: response for n, (response, _r) in answers.items()} == {
        2: "De SVB had een achterstand bij het uitbetalen.",
        9: "Brutale mensen krijgen voorrang.",
        10: "voordringkanalen",
    }
    # Each stored with a revision above every one sent before: no older save of it
    # can overwrite it now.
    for number, (_response, revision) in answers.items():
        assert revision > revisions[str(number)], (number, revision, revisions)
    assert page.evaluate("() => localStorage.length") == 0
