"""Reading preferences: the form the reading menu posts, and the template context.

The preferences are shown as one attribute on <html> (data-reading), which
static/css/reading.css selects on. That attribute is outside every cached fragment
of the exam page, so a cached page never carries someone else's preferences.
"""

from django import forms

from accounts.models import ReadingPreferences

ON_OFF = [("0", "0"), ("1", "1")]


class ReadingPreferencesForm(forms.Form):
    font_size = forms.TypedChoiceField(choices=ReadingPreferences.Size.choices, coerce=int)
    line_spacing = forms.TypedChoiceField(choices=ReadingPreferences.Spacing.choices, coerce=int)
    dyslexia = forms.TypedChoiceField(choices=ON_OFF, coerce=lambda v: v == "1")
    high_contrast = forms.TypedChoiceField(choices=ON_OFF, coerce=lambda v: v == "1")
    line_reader = forms.TypedChoiceField(choices=ON_OFF, coerce=lambda v: v == "1")


def preferences_for(user) -> ReadingPreferences:
    """The user's stored preferences, or the defaults (unsaved) when they have none."""
    if not user.is_authenticated:
        return ReadingPreferences()
    try:
        return user.reading_preferences
    except ReadingPreferences.DoesNotExist:
        return ReadingPreferences(user=user)
