"""Teachers' pages, namespace "teacher": authoring, classes and assignments, marking, results."""

from exam.urls_authoring import urlpatterns as authoring_patterns
from exam.urls_classes import urlpatterns as classes_patterns
from exam.urls_results import urlpatterns as results_patterns

app_name = "teacher"

urlpatterns = [*authoring_patterns, *classes_patterns, *results_patterns]
