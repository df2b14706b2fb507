from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import mark_seen_at_login
        from accounts.roles import remember_roles_at_login

        user_logged_in.connect(mark_seen_at_login, dispatch_uid="accounts-mark-seen")
        user_logged_in.connect(remember_roles_at_login, dispatch_uid="accounts-roles")
