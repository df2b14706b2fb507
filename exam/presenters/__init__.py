"""Presenters: plain values for the pages, copied out of the models.

exam_questions.py holds the questions as the exam page (and the authoring preview)
shows them before an attempt is submitted, exam_page.py that page and its caches,
result_page.py what the result page shows after, pupil_home.py
the pupil's list of exams, authoring.py the preview and the answer model for
authors, classwork.py the teachers' pages about classes,
assignments, marking and results (and the pupil's own results and assignments).
Views call them and render; templates never receive a model with data the viewer
may not see.
"""
