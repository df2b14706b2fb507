"""`{% static_once %}...{% endstatic_once %}`: a page's static links, rendered once per
process instead of once per request.

For the stylesheet links, module preloads and scripts of the exam page: a dozen
`{% static %}` lookups that only change with a release (a new manifest, a new
process). The block is rendered on its first use and kept on the compiled template's
node (Django's cached template loader keeps the node for the process); it is rendered
again only when the static files storage is replaced (tests that override STORAGES).

Put nothing in the block that depends on the request or the context: only literal
HTML and `{% static '...' %}`. The block renders with an empty context (Context.new), so a variable
in it would render empty rather than leak one request's value into another.
"""

from django import template
from django.core.files.storage import storages

register = template.Library()


class StaticOnceNode(template.Node):
    def __init__(self, nodelist) -> None:
        self.nodelist = nodelist
        self.rendered: tuple[object, str] | None = None

    def render(self, context) -> str:
        # The same instance for the process; a new one when STORAGES or STATIC_URL change.
        storage = storages["staticfiles"]
        if self.rendered is None or self.rendered[0] is not storage:
            html = self.nodelist.render(context.new())
            self.rendered = (storage, html)
        return self.rendered[1]


@register.tag
def static_once(parser, token):
    nodelist = parser.parse(("endstatic_once",))
    parser.delete_first_token()
    return StaticOnceNode(nodelist)
