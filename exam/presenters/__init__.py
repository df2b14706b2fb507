"""Presenters: plain values for the pupil's pages, copied out of the models.

exam_page.py holds what the exam page (and the authoring preview) shows before an
attempt is submitted, result_page.py what the result page shows after. Views call
them and render; templates never receive a model with data the pupil may not see.
"""
