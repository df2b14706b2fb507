"""Reading the published papers of a central exam into a draft exam (issue 12).

The exam board publishes three PDFs: the text booklet ("bijlage"; read by
texts.pdf_booklet), the question booklet ("opgaven") and the marking scheme
("correctievoorschrift"). This package reads the last two:

- `types`: the plain values the readers produce (no Django);
- `booklet`: question booklet text -> QuestionBooklet (questions, their kinds, points,
  options, instructions, contexts);
- `scheme` (a package, one module per step): marking scheme text -> MarkingScheme (per
  question: maximum score, key or model answer, scored elements, score tables,
  remarks);
- `build` (a package: the questions, the scoring data per kind, the values in and
  out): both together -> exam data in the loader's format (exam/loading.py) and a
  review report per question;
- `pdf`: the PDFs' text, with clear refusals for scans and wrong files.

The pure parts (types, booklet, scheme, build) import no Django; docs/importing-exams.md
explains the import and its limits.
"""
