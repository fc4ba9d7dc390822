"""`make backup` and `make restore`: a consistent copy of the app's database, and back.

    scripts/backup.py backup                  -> var/backups/<UTC time>.dump (or .sqlite3)
    scripts/backup.py restore FILE [--to X]   -> a new PostGIS database X (or SpatiaLite file X)

The database is the one the app uses: DATABASE_URL (postgis://…), or the SpatiaLite file in
VAR_DIR when it is unset. BACKUP_DIR overrides where backups go.

PostGIS: pg_dump in its custom format, taken from one snapshot, so it is consistent while the
app runs. It is restored with pg_restore, in one transaction, into a database that must not
exist yet: this script creates it and drops it again when the restore fails. The running
app is never pointed at it; that is the operator's step (docs/operations.md).
SpatiaLite: SQLite's online backup API, consistent while the app runs; restored the same way
into a file that must not exist yet.

Backups hold personal data (accounts, contact persons): they are written with mode 600.
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR") or ROOT / "var")
POSTGRES_SCHEMES = ("postgis://", "postgres://", "postgresql://", "pgsql://")


class Refused(Exception):
    """A clear reason to stop; nothing was changed."""


def database():
    url = os.environ.get("DATABASE_URL") or f"spatialite:///{VAR_DIR / 'ontmoeting.sqlite3'}"
    return url.startswith(POSTGRES_SCHEMES), dj_database_url.parse(url)


def libpq_env(db, name=None):
    """Connection settings for pg_dump and friends, as environment (no password in `ps`)."""
    env = dict(os.environ)
    for key, value in {
        "PGHOST": db["HOST"],
        "PGPORT": db["PORT"],
        "PGUSER": db["USER"],
        "PGPASSWORD": db["PASSWORD"],
        "PGDATABASE": name or db["NAME"],
        "PGSSLMODE": db.get("OPTIONS", {}).get("sslmode"),
    }.items():
        if value:
            env[key] = str(value)
    return env


def run(command, env):
    if not shutil.which(command[0]):
        raise Refused(f"{command[0]} is not installed (apt-get install postgresql-client).")
    # A fixed list of arguments, no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise Refused(f"{command[0]} failed: {result.stderr.strip()}")
    return result.stdout


def stamp():
    return datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def backup():
    postgres, db = database()
    folder = Path(os.environ.get("BACKUP_DIR") or VAR_DIR / "backups")
    folder.mkdir(parents=True, exist_ok=True)
    name, suffix = stamp(), "dump" if postgres else "sqlite3"
    target = folder / f"{name}.{suffix}"
    for number in range(1, 100):  # two backups within a second
        if not target.exists():
            break
        target = folder / f"{name}-{number}.{suffix}"
    partial = target.with_name(target.name + ".partial")  # never mistaken for a whole backup
    try:
        if postgres:
            run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)], libpq_env(db))
            run(["pg_restore", "--list", str(partial)], libpq_env(db))  # the archive reads back
        else:
            copy_sqlite(Path(db["NAME"]), partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return target


def copy_sqlite(source, target):
    if not source.exists():
        raise Refused(f"{source} does not exist.")
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise Refused(f"The copy {target} fails SQLite's integrity check.")


def restore(file, name=None):
    path = Path(file)
    if not file or not path.is_file():
        raise Refused(f"No backup file {file!r}: give FILE=var/backups/<time>.dump.")
    if path.suffix == ".sqlite3":
        target = Path(name or path.with_name(f"restored-{path.name}"))
        if target.exists():
            raise Refused(f"{target} exists already: restore into a new file.")
        copy_sqlite(path, target)
        return f"spatialite:///{target.resolve()}"
    postgres, db = database()
    if not postgres:
        raise Refused("A .dump restores into PostGIS: set DATABASE_URL=postgis://… (the server).")
    name = name or f"{db['NAME']}_restored_{path.stem.lower()}"
    admin = libpq_env(db, "postgres")
    # createdb refuses a database that exists already: an existing one is never touched.
    run(["createdb", "--template=template0", name], admin)
    try:
        restore_into = ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction"]
        run([*restore_into, "--dbname", name, str(path)], libpq_env(db, name))
    except BaseException:
        run(["dropdb", name], admin)
        raise
    return f"postgis://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup")
    to_restore = commands.add_parser("restore")
    to_restore.add_argument("file")
    to_restore.add_argument("--to", help="name of the new database (or path of the new file)")
    args = parser.parse_args(argv)
    os.umask(0o077)  # backups and restored files hold personal data
    try:
        if args.command == "backup":
            print(f"Backup written: {backup()}")
        else:
            url = restore(args.file, args.to)
            print(
                f"Restored into {url}\nServe it with DATABASE_URL={url} (see docs/operations.md)."
            )
    except Refused as reason:
        print(f"Nothing was changed: {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
