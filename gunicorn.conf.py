"""gunicorn settings, read by every gunicorn started from the project folder (make run, make
bench, make loadtest: gunicorn loads ./gunicorn.conf.py by itself; make run names it too).

Log timestamps in UTC. gunicorn writes them with the process's local time zone, and each
worker loads Django, which sets the process time zone to TIME_ZONE (Europe/Amsterdam), while
the master never loads Django: the master's lines said +0000 and the workers' +0100. Django
sets that zone on purpose, so it is left alone; only gunicorn's log lines are written in UTC,
like the audit trail's times.
"""

import os
import time

from gunicorn.glogging import Logger


class UTCLogger(Logger):
    """gunicorn's logger with every timestamp in UTC: error log lines and the access log's %(t)s."""

    def setup(self, cfg):
        super().setup(cfg)
        # LOG_FORMAT=json (README, Configuration): gunicorn's own lines as JSON too, like the
        # app's, so that a log collector reads every line of the container.
        as_json = os.environ.get("LOG_FORMAT", "").strip().lower() == "json"
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if as_json:
                    from ontmoeting.logformat import JsonFormatter

                    handler.setFormatter(JsonFormatter())
                elif handler.formatter is not None:
                    handler.formatter.converter = time.gmtime

    def now(self):
        return time.strftime("[%d/%b/%Y:%H:%M:%S %z]", time.gmtime())


logger_class = UTCLogger

# The container's settings (README, "Container"): each one only when its variable is set, so
# gunicorn's own defaults and the command line (make run, make bench) stay as they were; the
# command line wins over this file. Anything else: GUNICORN_CMD_ARGS, read by gunicorn itself.
if os.environ.get("GUNICORN_BIND"):
    bind = os.environ["GUNICORN_BIND"].split(",")
if os.environ.get("GUNICORN_WORKERS"):
    workers = int(os.environ["GUNICORN_WORKERS"])
if os.environ.get("GUNICORN_THREADS"):
    threads = int(os.environ["GUNICORN_THREADS"])
if os.environ.get("GUNICORN_TIMEOUT"):
    timeout = int(os.environ["GUNICORN_TIMEOUT"])
if os.environ.get("GUNICORN_MAX_REQUESTS"):
    # A worker is replaced after this many requests (with some jitter): memory stays flat.
    max_requests = int(os.environ["GUNICORN_MAX_REQUESTS"])
    max_requests_jitter = max_requests // 10
if os.environ.get("GUNICORN_ACCESSLOG"):
    accesslog = os.environ["GUNICORN_ACCESSLOG"]  # "-": stdout
if os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS"):
    # The proxy addresses whose X-Forwarded-* headers gunicorn trusts.
    forwarded_allow_ips = os.environ["GUNICORN_FORWARDED_ALLOW_IPS"]
