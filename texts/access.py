"""Who may see which text: every texts getter lives here.

Admins see every text; teachers see the published ones; pupils read a text only
inside an exam (the exam app's access rules decide that). A text that is not there
for the person asking is a 404, a role that may not see texts at all a 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import is_admin, is_teacher
from texts.models import Text


def get_text_for_admin(request, pk: int) -> Text:
    """Any text, for an admin (the views also say so with @admin_required)."""
    if not is_admin(request.user):
        raise PermissionDenied
    return get_object_or_404(Text, pk=pk)


def get_text_for_viewer(request, pk: int) -> Text:
    """A text to read: admins every text, teachers the published ones; pupils none."""
    # The page never shows the raw upload, which can be a megabyte.
    texts = Text.objects.select_related("uploaded_by").defer("raw")
    if is_admin(request.user):
        return get_object_or_404(texts, pk=pk)
    if is_teacher(request.user):
        return get_object_or_404(texts, pk=pk, status=Text.Status.PUBLISHED)
    raise PermissionDenied
