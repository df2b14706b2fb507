from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadingPreferences(models.Model):
    """How one person likes to read the booklet and the questions (issue 13, §2).

    Every mode changes only how a line looks, never where it breaks: the booklet
    keeps its stored lines and scrolls sideways instead (static/css/reading.css).
    """

    class Size(models.IntegerChoices):
        NORMAL = 1, _("normal")
        LARGE = 2, _("large")
        LARGER = 3, _("larger")
        LARGEST = 4, _("largest")

    class Spacing(models.IntegerChoices):
        NORMAL = 1, _("normal")
        WIDE = 2, _("wide")
        WIDER = 3, _("wider")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_preferences"
    )
    font_size = models.PositiveSmallIntegerField(
        _("font size"), choices=Size.choices, default=Size.NORMAL
    )
    line_spacing = models.PositiveSmallIntegerField(
        _("line spacing"), choices=Spacing.choices, default=Spacing.NORMAL
    )
    dyslexia = models.BooleanField(_("dyslexia-friendly"), default=False)
    high_contrast = models.BooleanField(_("high contrast"), default=False)
    line_reader = models.BooleanField(_("line reader"), default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(font_size__gte=1, font_size__lte=4),
                name="reading_font_size_range",
            ),
            models.CheckConstraint(
                condition=models.Q(line_spacing__gte=1, line_spacing__lte=3),
                name="reading_line_spacing_range",
            ),
        ]

    def __str__(self) -> str:
        return f"reading preferences of {self.user_id}"

    @property
    def tokens(self) -> str:
        """The value of <html data-reading>, which reading.css selects on: "size-2
        spacing-1 dyslexia"."""
        words = [f"size-{self.font_size}", f"spacing-{self.line_spacing}"]
        words += [
            name
            for name, on in (
                ("dyslexia", self.dyslexia),
                ("contrast", self.high_contrast),
                ("line-reader", self.line_reader),
            )
            if on
        ]
        return " ".join(words)
