"""One question of a question booklet, or one entry of a marking scheme, read from a
few lines of exam text: for the table tests of the papers' readers."""

from exam.papers.booklet import read_question_booklet
from exam.papers.scheme import read_marking_scheme


def one_question(body: str):
    booklet = read_question_booklet(f"Tekst 1 De stille bibliotheek\n{body}")
    assert len(booklet.questions) == 1, [q.number for q in booklet.questions]
    return booklet.questions[0]


def one_entry(model: str, max_points: int = 2):
    scheme = read_marking_scheme(f"Tekst 1 Iets\n1 maximumscore {max_points}\n{model}\n")
    assert list(scheme.entries) == [1]
    return scheme.entries[1]
