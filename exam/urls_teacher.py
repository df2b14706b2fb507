"""Teachers' pages, namespace "teacher": authoring, classes and assignments, marking."""

from exam.urls_authoring import urlpatterns as authoring_patterns
from exam.urls_classes import urlpatterns as classes_patterns

app_name = "teacher"

urlpatterns = [*authoring_patterns, *classes_patterns]
