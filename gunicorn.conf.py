"""gunicorn settings, read by every gunicorn started from the project folder (make run, make
bench, make loadtest: gunicorn loads ./gunicorn.conf.py by itself; make run names it too).

Log timestamps in UTC. gunicorn writes them with the process's local time zone, and each
worker loads Django, which sets the process time zone to TIME_ZONE (Europe/Amsterdam), while
the master never loads Django: the master's lines said +0000 and the workers' +0100. Django
sets that zone on purpose, so it is left alone; only gunicorn's log lines are written in UTC,
like the audit trail's times.
"""

import time

from gunicorn.glogging import Logger


class UTCLogger(Logger):
    """gunicorn's logger with every timestamp in UTC: error log lines and the access log's %(t)s."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if handler.formatter is not None:
                    handler.formatter.converter = time.gmtime

    def now(self):
        return time.strftime("[%d/%b/%Y:%H:%M:%S %z]", time.gmtime())


logger_class = UTCLogger
