from accounts import roles as _roles


def roles(request):
    _roles.remember_roles(request)
    user = request.user
    return {
        "is_admin": _roles.is_admin(user),
        "is_teacher": _roles.is_teacher(user),
        "is_pupil": _roles.is_pupil(user),
    }
