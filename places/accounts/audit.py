"""The audit trail: who did what to which object, with what result, from where, when (UTC).

Every event is one JSON line on the logger ``ontmoeting.audit`` (docs/operations.md says where
it goes). People are named by account number only, so erasing an account leaves its trail
without a name, and ``record`` takes identifiers, never free text: no password, token, code or
contact person's data can end up in it. The events themselves are sent from the places they
happen (and from ``places/audit_signals.py`` for logins and permission changes).
"""

import datetime
import json
import logging

from axes.helpers import get_client_ip_address
from simple_history.models import HistoricalRecords

logger = logging.getLogger("ontmoeting.audit")


def current_request():
    """The request being handled, for events sent by model signals (set by simple_history)."""
    return getattr(HistoricalRecords.context, "request", None)


def account(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    return target(user)


def target(obj):
    if obj is None or isinstance(obj, str):
        return obj
    return f"{obj._meta.label_lower}:{obj.pk}"


def record(action, obj=None, *, request=None, actor=None, result="ok", **detail):
    """Log one event. ``detail`` holds identifiers and counts only (see the module note)."""
    request = request or current_request()
    if actor is None:
        actor = account(getattr(request, "user", None)) if request is not None else "system"
    elif not isinstance(actor, str):
        actor = account(actor)
    entry = {
        "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "actor": actor,
        "action": action,
        "object": target(obj),
        "result": result,
        "ip": get_client_ip_address(request) if request is not None else None,
        **detail,
    }
    logger.info(json.dumps(entry, sort_keys=False, default=str), extra={"audit": entry})
    return entry
