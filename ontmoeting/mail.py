"""Mail written to files that only the app's own user can read (EMAIL_BACKEND default)."""

import os

from django.core.mail.backends import filebased


class PrivateFileBackend(filebased.EmailBackend):
    """Django's file backend with a private folder (700) and private files (600): the
    messages hold links that let someone in (invitations, password resets)."""

    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, file_path=file_path, **kwargs)
        os.chmod(self.file_path, 0o700)

    def open(self):
        if self.stream is None:
            descriptor = os.open(
                self._get_filename(), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600
            )
            self.stream = os.fdopen(descriptor, "ab")
            return True
        return False
