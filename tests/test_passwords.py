"""Password rules and the Argon2id hasher (docs/security.md, docs/performance.md)."""

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

import config.settings as production
from exam.classes import pupil_csv
from exam.classes import services as class_services

LOGIN = "/login/"


def _login(client, username, password, address="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("password", ["password", "12345678", "wachtwoord"])
def test_a_csv_import_refuses_common_and_numeric_passwords(teacher, password):
    room = class_services.create_classroom(teacher=teacher, name="4 VWO a")
    with pytest.raises(pupil_csv.PupilImportError):
        pupil_csv.import_pupils(classroom=room, data=f"anna;Anna;{password}\n".encode())
    assert not User.objects.filter(username="anna").exists()


def test_generated_passwords_pass_the_password_rules():
    for _i in range(200):
        validate_password(pupil_csv.generate_password(), user=User(username="jdevries"))


def test_the_rules_refuse_what_a_guesser_tries_first():
    for password in ("password", "12345678", "qwertyuiop"):
        with pytest.raises(ValidationError):
            validate_password(password)


def test_production_hashes_with_argon2id_and_keeps_pbkdf2_passwords_working():
    assert production.PASSWORD_HASHERS[0] == "accounts.hashers.SchoolArgon2PasswordHasher"
    assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production.PASSWORD_HASHERS


@pytest.mark.django_db
def test_an_old_pbkdf2_password_still_logs_in_and_is_upgraded_to_argon2id():
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        # Few iterations keep the test fast; the stored hash names its own count.
        old = make_password("Zonnebloem-2026", hasher="pbkdf2_sha256")
        user = User.objects.create(username="oudgediende", password=old)
        assert user.password.startswith("pbkdf2_sha256$")
        assert _login(Client(), "oudgediende", "Zonnebloem-2026").status_code == 302
        user.refresh_from_db()
        assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert user.check_password("Zonnebloem-2026")
