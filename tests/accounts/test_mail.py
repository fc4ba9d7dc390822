"""Mail goes to private files in var/mail by default, never to the console (issue 23, 15)."""

import stat

from django.core import mail
from django.core.mail import get_connection

from ontmoeting import settings as project_settings


def test_the_default_backend_writes_private_files(tmp_path, capsys):
    folder = tmp_path / "mail"
    connection = get_connection(project_settings.EMAIL_BACKEND, file_path=str(folder))
    message = mail.EmailMessage(
        "Uitnodiging", "https://example.org/uitnodiging/geheim/", to=["a@example.org"]
    )
    assert connection.send_messages([message]) == 1
    (written,) = folder.iterdir()
    assert "uitnodiging/geheim" in written.read_text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "geheim" not in capsys.readouterr().out


def test_the_default_is_not_the_console():
    assert project_settings.EMAIL_BACKEND == "ontmoeting.mail.PrivateFileBackend"
    assert project_settings.EMAIL_FILE_PATH.endswith("mail")
