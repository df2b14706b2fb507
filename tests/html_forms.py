"""What a browser would send for a form on a page, for client tests that submit a
page's form as it is rendered (a teacher who opens a form and saves it unchanged).

`form_fields(html, form_id)` reads the form with that id the way a browser builds
its POST: text inputs, hidden inputs and textareas with their values, checked
checkboxes and radios, the selected options of selects; disabled fields, unnamed
fields and buttons are left out (no button is pressed but the default submit,
which has no name here).
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        # A single select without a selected option sends its first option.
        self._first: str | None = None
        self._chosen = False
        self._multiple = False
        self._option: dict | None = None
        self._option_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = attributes.get("id") == self.form_id
            self.found = self.found or self.inside
            return
        if not self.inside or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in _SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value") or "on"))
                return
            self.fields.append((name, attributes.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._first, self._chosen = name, None, False
            self._multiple = "multiple" in attributes
        elif tag == "option" and self._select:
            self._option, self._option_text = attributes, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)
        if self._option is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline right after <textarea>.
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value")
            value = "".join(self._option_text) if value is None else value
            if self._first is None:
                self._first = value
            if "selected" in self._option:
                self.fields.append((self._select, value))
                self._chosen = True
            self._option = None
        elif tag == "select" and self._select is not None:
            if not self._chosen and not self._multiple and self._first is not None:
                self.fields.append((self._select, self._first))
            self._select = None


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """The form's fields as the browser would post them: {name: [values]}."""
    reader = _FormReader(form_id)
    reader.feed(html)
    if not reader.found:
        raise AssertionError(f"no form with id {form_id!r} on the page")
    posted: dict[str, list[str]] = {}
    for name, value in reader.fields:
        posted.setdefault(name, []).append(value.replace("\r\n", "\n"))
    return posted
