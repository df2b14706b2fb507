"""Read a question booklet ("opgaven") from its plain text (no Django).

The text is what pdfplumber gives of the PDF, or what a teacher pasted. The reader
works on lines:

1. **Clean** (`lines`). Page furniture goes (the exam code "HA-1002-a-21-1-o", a page
   count "3 / 12", a bare page number, "lees verder ►►►", "einde"); a word broken at
   a line end ("samen-" / "vatting") is joined when its second part starts in lower
   case.
2. **Split** (`splitting`). A text heading "Tekst 2 Het nut van de nacht" starts a
   text (the lines under it up to the first question are its intro); "Lees bij de
   volgende vragen ..." starts a shared context; a question starts with its points
   and number ("2p 5 Welke ...", or "2p" on a line of its own above "5 ..."). A
   booklet without any "2p" (a teacher's paste) may number questions "5", "5." or
   "Vraag 5", with the points as "(2p)"; a number only starts a question when it is
   the next one and does not continue a numbered list inside the question.
3. **Read each question** (`question`). Its lines are stem lines and lists
   (`lists`): options "A".."F", numbered lines "1".., lettered lines "a"..; the kind
   follows from the stem's exam phrasing and the lists, in a fixed order (see
   `classify.classify`; the two sides of a matching in `matching`). A table to fill
   in ("Neem de tabel over ...") has its header row read apart from the stem and its
   rows placed by `table_questions.classify_table`.

Everything else the reader noticed but could not place goes into a question's `notes`
as (code, params): `points_missing`, `number_out_of_sequence` {expected},
`list_in_stem` {labels} (a list that is no choice, kept in the stem as printed),
`choose_not_found`, `statements_not_found`, `one_option`, `gaps_not_counted` (several
gaps that the question does not name), `several_targets_unclear` (matching: "meer dan
één" that may mean either several targets per item or a target used twice),
`word_limit_unplaced` {limit} (a question in parts whose limit names no part),
`word_limit_not_found`, `table_not_placed` {header} (a table whose rows fit no kind:
an open question, the rows kept in the stem), `table_columns_unclear` {header} (a
table made parts that may have more than one column to fill in). What is wrong with
the paper as a whole goes into `QuestionBooklet.problems` (`paper`):
`looks_like_marking_scheme` {maximumscore_lines}, `other_subject`,
`not_a_question_booklet` (texts, no questions: the text booklet), `no_questions`, and
the cover's figures against what was read: `question_count_differs` and
`points_total_differs` {printed, found}.

A package of pure modules, no Django, one per step; `phrasing` holds the exam
phrasing that more than one step reads. `read_question_booklet` below is the public
face: callers import it from here.
"""

from __future__ import annotations

from exam.papers.booklet.lines import clean
from exam.papers.booklet.paper import paper_problems
from exam.papers.booklet.splitting import Reader
from exam.papers.types import QuestionBooklet


def read_question_booklet(text: str) -> QuestionBooklet:
    """The texts, contexts and questions of a question booklet's plain text."""
    lines = clean(text)
    booklet = Reader(lines).read()
    booklet.problems = paper_problems(text, lines, booklet)
    return booklet
