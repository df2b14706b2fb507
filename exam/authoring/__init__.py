"""Authoring: what a teacher writes (exams, questions), how it is checked against the
booklet, what a change does to submitted answers, and the forms of the authoring pages
(their presenters are exam/presenters/authoring.py).

- services.py: exams, their texts, copies, publishing, co-authors
- contexts.py: shared contexts over a range of questions
- import_review.py: an imported exam's review report and the teacher's confirmation
- questions.py: adding, changing, reordering and deleting questions
- checks.py: a question and an exam against the booklet (QuestionData, ChoiceData)
- regrade.py: what a change does to submitted answers (REGRADE / KEEP)
- forms/: the authoring forms, one module per family of kinds

The services are re-exported here, so callers write `authoring.create_exam(...)`.
"""

from exam.authoring.checks import (
    ChoiceData,
    QuestionData,
    booklet_facts,
    check_question,
    exam_problems,
    question_data,
)
from exam.authoring.contexts import add_context, delete_context, update_context
from exam.authoring.import_review import confirm_question, record_import
from exam.authoring.questions import (
    QuestionHasAnswers,
    add_question,
    delete_question,
    move_question,
    reorder_questions,
    update_question,
)
from exam.authoring.regrade import (
    KEEP,
    REGRADE,
    AnswerChange,
    RegradeDecisionNeeded,
    RegradeSummary,
    change_fingerprint,
    regrade_summary,
)
from exam.authoring.services import (
    MAX_DURATION,
    MAX_TEXTS,
    ExamHasAttempts,
    ExamNotReady,
    add_co_author,
    copy_exam,
    create_exam,
    delete_exam,
    publish_exam,
    publish_problems,
    remove_co_author,
    unconfirmed_numbers,
    unpublish_exam,
    update_exam,
)

__all__ = [
    "KEEP",
    "MAX_DURATION",
    "MAX_TEXTS",
    "REGRADE",
    "AnswerChange",
    "ChoiceData",
    "ExamHasAttempts",
    "ExamNotReady",
    "QuestionData",
    "QuestionHasAnswers",
    "RegradeDecisionNeeded",
    "RegradeSummary",
    "add_co_author",
    "add_context",
    "add_question",
    "booklet_facts",
    "change_fingerprint",
    "check_question",
    "confirm_question",
    "copy_exam",
    "create_exam",
    "delete_context",
    "delete_exam",
    "delete_question",
    "exam_problems",
    "move_question",
    "publish_exam",
    "publish_problems",
    "question_data",
    "record_import",
    "regrade_summary",
    "remove_co_author",
    "reorder_questions",
    "unconfirmed_numbers",
    "unpublish_exam",
    "update_context",
    "update_exam",
    "update_question",
]
