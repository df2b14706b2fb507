"""The gaps of a gap answer as the marking page shows them:
`{% gap_rows answer as rows %}` -> per gap the answer, accepted or not, and the
accepted answer a near miss resembles (exam/kinds/gap.py::marking_rows)."""

from django import template

from exam.kinds import gap

register = template.Library()


@register.simple_tag
def gap_rows(answer) -> list:
    question = answer.question
    details = (answer.feedback or {}).get("details") or {}
    return gap.marking_rows(question.scoring or {}, answer.response, details)
