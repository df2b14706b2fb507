"""Preview tokens in the session: one per open upload preview.

A token maps to the pk of the text (or first text of a booklet) saved with it, or
None while the preview is open. Pressing Save twice finds the token used and shows
what was saved the first time instead of saving it again; a token the session does
not know is a preview that expired.
"""

import secrets

UPLOAD_TOKENS = "texts_upload_tokens"
MAX_UPLOAD_TOKENS = 20


def open_upload_token(request) -> str:
    """A new token for a preview; the session keeps the last MAX_UPLOAD_TOKENS."""
    tokens = request.session.get(UPLOAD_TOKENS, {})
    token = secrets.token_urlsafe(16)
    tokens[token] = None
    request.session[UPLOAD_TOKENS] = dict(list(tokens.items())[-MAX_UPLOAD_TOKENS:])
    return token


def is_known_token(request, token: str) -> bool:
    return token in request.session.get(UPLOAD_TOKENS, {})


def saved_with_token(request, token: str) -> int | None:
    """The pk saved with this token, or None while nothing was."""
    return request.session.get(UPLOAD_TOKENS, {}).get(token)


def close_upload_token(request, token: str, pk: int) -> None:
    tokens = request.session.get(UPLOAD_TOKENS, {})
    tokens[token] = pk
    request.session[UPLOAD_TOKENS] = tokens
