"""The text booklet as data: a text, its paragraphs, its numbered lines and footnotes.

Lines are stored exactly as the booklet prints them; rendering never re-wraps them,
because questions refer to line numbers.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Text(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=300)
    # Printed under the title, above line 1, and never numbered: a subtitle and an
    # introduction in italics ("Tekst 3 bestaat uit twee fragmenten").
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    source_adapted = models.CharField(_("adapted from (naar:)"), max_length=300, blank=True)
    source_from = models.CharField(_("taken from (uit:)"), max_length=300, blank=True)
    author_note = models.TextField(_("about the author"), blank=True)
    raw = models.TextField(_("original text as uploaded"))
    line_width = models.PositiveSmallIntegerField(
        _("line width used for re-made lines"), null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Paragraph(models.Model):
    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["text", "number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="paragraph_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.text_id} ({self.number})"


class Line(models.Model):
    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="lines")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveIntegerField()
    # What the line says, without emphasis or note markers: for searching and
    # locating citations.
    plain = models.CharField(max_length=200)
    # What the line holds, as runs: [kind, value] pairs such as ["text", "Veel "],
    # ["em", "trending topic"], ["note", 2] (see texts.parsing.parsed). Never HTML:
    # {% booklet %} renders them.
    runs = models.JSONField(default=list)
    starts_paragraph = models.BooleanField(default=False)
    starts_page = models.BooleanField(default=False)
    # A subheading inside the text that the booklet counts as a line (shown bold).
    is_subheading = models.BooleanField(default=False)
    # A subheading printed above this line that the booklet does not count: shown in
    # place, without a number, so the numbering stays as printed.
    heading_before = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["text", "number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="line_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.plain}"


class Footnote(models.Model):
    text = models.ForeignKey(Text, on_delete=models.CASCADE, related_name="footnotes")
    number = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    line = models.ForeignKey(
        Line, null=True, blank=True, on_delete=models.SET_NULL, related_name="footnotes"
    )

    class Meta:
        ordering = ["text", "number"]
        constraints = [
            models.UniqueConstraint(fields=["text", "number"], name="footnote_number_unique"),
        ]

    def __str__(self) -> str:
        return f"noot {self.number}"
