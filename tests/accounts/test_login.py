from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import Client

from motcua.accounts.models import User
from motcua.accounts.services import user_create
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-rat-dai-2024"


@pytest.fixture
def officer(db: None) -> User:
    return user_create(actor=None, username="canbo", password=PASSWORD, full_name="Nguyễn Văn A")


def test_passwords_are_hashed_with_argon2(settings, db: None) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = user_create(actor=None, username="argon", password=PASSWORD)
    assert identify_hasher(user.password).algorithm == "argon2"
    assert "password" not in AuditEvent.objects.get(operation="accounts.user_create").after


def test_weak_password_and_duplicate_username_are_refused(officer: User) -> None:
    with pytest.raises(ApplicationError) as weak:
        user_create(actor=None, username="yeu", password="123456")
    assert weak.value.code == "user_password_weak"
    with pytest.raises(ApplicationError) as taken:
        user_create(actor=None, username="CANBO", password=PASSWORD)
    assert taken.value.code == "user_username_taken"
    assert User.objects.count() == 1


def test_sign_in_and_out_are_audited(officer: User) -> None:
    client = Client()
    response = client.post("/login/", {"username": "canbo", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/logout/")
    operations = list(AuditEvent.objects.order_by("id").values_list("operation", flat=True))
    assert operations[-2:] == ["accounts.login", "accounts.logout"]


def test_wrong_password_says_so_in_vietnamese(officer: User) -> None:
    response = Client().post("/login/", {"username": "canbo", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert AuditEvent.objects.filter(operation="accounts.login_failed", actor_label="canbo").count() == 1


def test_lockout_after_repeated_failures(officer: User, settings) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "canbo", "password": "sai-mat-khau"})
    locked = client.post("/login/", {"username": "canbo", "password": PASSWORD})
    assert locked.status_code == 429
    assert "tạm khóa" in locked.content.decode()
    assert client.get("/").status_code == 302  # still not signed in
