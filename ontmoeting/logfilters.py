"""Log filters applied by settings.LOGGING to everything the app writes."""

import logging
import re

# Paths that carry a key: invitations, survey answer links and password reset links. Django
# logs a 404 or 410 with its path, so the key is hidden before any handler writes the line.
LINK_KEY = re.compile(r"(/uitnodiging/|/link/|/reset/[^/\s]+/)[^/\s?\"']+")


class HideLinkKeys(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        hidden = LINK_KEY.sub(r"\1[verborgen]", message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


class RequestId(logging.Filter):
    """record.request_id: the id of the request being handled, "-" outside one."""

    def filter(self, record):
        from ontmoeting.requestid import current

        record.request_id = current.get() or "-"
        return True
