"""LOG_FORMAT=json: each log record as one JSON object on a line, for a log collector.

    {"time": "2026-12-03T10:15:02.118Z", "level": "INFO", "logger": "places.geocoder",
     "message": "PDOK free: 200 in 84 ms", "request_id": "5f0c…",
     "service": "pdok", "endpoint": "free", "status": 200, "duration_ms": 84}

An audit event (places.accounts.audit) keeps its own fields under "audit" instead of a JSON
string inside "message"; an outgoing call's fields (places.geocoder) are added at the top.
"""

import datetime
import json
import logging

# Fields a record may carry in `extra` that belong in the line.
EXTRA_FIELDS = ("service", "endpoint", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
        }
        audit = getattr(record, "audit", None)
        if isinstance(audit, dict):
            line["message"] = audit.get("action", "")
            line["audit"] = audit
        else:
            line["message"] = record.getMessage()
        line.update({key: getattr(record, key) for key in EXTRA_FIELDS if hasattr(record, key)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
