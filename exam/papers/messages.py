"""What a teacher is told when papers cannot be imported, in their language.

exam/papers/pdf.py and exam/papers/importing.py refuse with codes (PaperError); this
module is the one table that words them, except a locked PDF and a scan, which a text
booklet's PDF meets alike and the texts app words (texts/problem_messages.py). A text
booklet that cannot be read is worded there too and given here as its `reason`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from texts.parsing import ParseError
from texts.problem_messages import error_message

# PDF refusals worded as for a text booklet; a damaged file and one too long are
# worded for papers (what to use instead differs).
SAME_AS_TEXT_BOOKLET = frozenset({"pdf_encrypted", "pdf_scan"})


def paper_message(code: str, params: dict | None = None) -> str:
    if code in SAME_AS_TEXT_BOOKLET:
        return error_message(ParseError(code, **(params or {})))
    messages = {
        "pdf_broken": _(
            "This PDF cannot be read: the file is damaged or is not a PDF. Use the PDF "
            "as the exam board publishes it."
        ),
        "pdf_too_many_pages": _(
            "This PDF has more than %(max_pages)s pages: that is not a question booklet "
            "or a marking scheme."
        ),
        "looks_like_marking_scheme": _(
            "This looks like a marking scheme (correctievoorschrift), not a question "
            "booklet. Give the question booklet first and the marking scheme second."
        ),
        "not_a_question_booklet": _(
            "This is not a question booklet of a central exam: no questions with their "
            "points were found."
        ),
        "other_subject": _("This question booklet is of another subject than Dutch (%(subject)s)."),
        "no_questions": _("No questions were found in this question booklet."),
        "no_texts": _("Choose the texts of the exam first: at least one."),
        "texts_twice": _("Each text can be in the exam only once."),
        "no_title": _("Give the exam a title."),
        "wrong_file_type": _("Give a PDF (.pdf) or the pasted text as a text file (.txt)."),
        "file_unreadable": _("%(file)s cannot be read."),
        "exam_invalid": _("The exam could not be made from these papers: %(problems)s"),
        "text_booklet_unreadable": _("The text booklet cannot be read. %(reason)s"),
        "text_booklet_count": _(
            "The text booklet does not fit the question booklet: it has %(found)s text(s) "
            "where the question booklet has %(expected)s. Check that you chose the text "
            "booklet (bijlage) of this exam."
        ),
        "texts_and_booklet": _(
            "Choose the texts that are already imported or upload the text booklet, not both."
        ),
    }
    message = messages.get(code, _("The papers could not be read."))
    params = dict(params or {})
    params.setdefault("subject", "?")
    params.setdefault("max_pages", "?")
    params.setdefault("problems", "")
    params.setdefault("file", "")
    params.setdefault("reason", "")
    params.setdefault("found", "?")
    params.setdefault("expected", "?")
    return message % params
