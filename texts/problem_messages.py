"""What the user is told about an import, in their language.

texts.parsing and texts.pdf_booklet are pure and speak in codes (ParseError,
Warning); this module turns the codes into words, with the other problems an
upload or a deletion can meet.
"""

from django.utils.translation import gettext as _

from texts.parsing import ParseError, Warning


def error_message(error: ParseError) -> str:
    messages = {
        "empty": _("The file is empty: there is no text in it."),
        "too_large": _("The file is too large: a text may be at most %(max_kb)s KB."),
        "binary": _(
            "This is not a text file (it contains binary data). Save the text as "
            "plain text (.txt) and try again."
        ),
        "encoding": _(
            "The file's character encoding cannot be read. Save it as UTF-8 "
            "(or Windows-1252) plain text and try again."
        ),
        "no_lines": _("No text lines were found: there is nothing to number."),
        "too_many_characters": _(
            "The text is too long for an exam booklet: it may have at most "
            "%(max_characters)s characters."
        ),
        "too_long": _(
            "The text is too long for an exam booklet: it would have more than %(max_lines)s lines."
        ),
        "pdf_broken": _(
            "This PDF cannot be read: the file is damaged or is not a PDF. Save it "
            "again from the original and try once more."
        ),
        "pdf_encrypted": _(
            "This PDF is locked with a password. Save a copy without a password and try again."
        ),
        "pdf_scan": _(
            "This PDF has no text in it, only images (a scan). Use the PDF as the exam "
            "board publishes it, or paste the text."
        ),
        "pdf_too_many_pages": _(
            "This PDF has more than %(max_pages)s pages: that is not a text booklet."
        ),
        "pdf_no_texts": _(
            "No text was found in this PDF, only page headers and footers, or headings "
            "without lines under them."
        ),
        "docx_broken": _(
            "This Word file cannot be read: it is damaged or not a .docx file. Save it "
            "again as .docx and try once more."
        ),
    }
    message = messages.get(error.code, _("The text could not be read."))
    return message % error.params if error.params else message


def warning_message(warning: Warning) -> str:
    messages = {
        "no_title": _("No title was found: the first line is used. Fill in a title below."),
        "anchor_unmet": _(
            "Margin number %(anchor)s could not be met: that line became line %(line)s. "
            "Check the line breaks before it. If it is not a margin number, it was kept as text."
        ),
        "marker_without_note": _("Footnote marker %(number)s has no note below the text."),
        "note_without_marker": _("Note %(number)s is not referred to from the text."),
        "duplicate_note": _("Note %(number)s appears twice; the last one is kept."),
        "unclosed_emphasis": _(
            "An emphasis mark (*) in paragraph %(paragraph)s has no partner; it is kept "
            "as a * in the text."
        ),
        "paragraph_out_of_sequence": _(
            "Paragraph marker (%(found)s) comes where (%(expected)s) was expected; it was "
            "taken as a marker. Check whether a paragraph is missing."
        ),
        "text_before_first_paragraph": _(
            "There is text before paragraph marker (1); it was added to the first paragraph."
        ),
        "pdf_margin_number_unmet": _(
            "Margin number %(anchor)s stands beside line %(line)s as read from the PDF. "
            "Check the lines before it: one may be missing or counted twice."
        ),
        "pdf_margin_number_missing": _(
            "No margin number was found beside line %(line)s. Check the numbering around it."
        ),
        "pdf_no_margin_numbers": _(
            "No margin numbers were found: the lines are numbered as read. Check them "
            "against the printed booklet."
        ),
        "pdf_picture_skipped": _("A picture on page %(page)s was skipped: it is not text."),
        "pdf_subheading_undecided": _(
            "The margin numbers do not show whether the subheading “%(subheading)s” is "
            "counted as a line; it was counted. Check the numbering after it."
        ),
        "glued_note_markers": _(
            "Digits glued to a word were read as footnote markers, because a note with "
            "that number stands below the text: %(markers)s. Check that they are markers."
        ),
        "pasted_page_furniture": _(
            "Page headers, footers or page numbers from the PDF were left out (%(count)s lines)."
        ),
    }
    message = messages.get(warning.code, warning.code)
    return message % warning.params if warning.params else message


def preview_expired_message() -> str:
    return _("Nothing was saved yet: this preview had expired. Check it and press Save again.")


def in_use_message(title: str) -> str:
    return _(
        "“%(title)s” is used by an exam, so it cannot be deleted. Remove it from "
        "the exam first, or unpublish it."
    ) % {"title": title}


def duplicate_content_message(title: str) -> str:
    return _("This text is already there, as “%(title)s”. Saving it makes a second copy.") % {
        "title": title
    }


def duplicate_title_message(title: str) -> str:
    return _(
        "A different text with the title “%(title)s” is already there. Check that this is "
        "not an old version, or choose another title."
    ) % {"title": title}
