"""`make lint`: publiccode.yml against the standard's schema, and the version said everywhere.

    scripts/check_publiccode.py [FILE]      (default: publiccode.yml in the project folder)

The schema (scripts/schemas/publiccode-0.4.schema.json) is written from the standard's text,
version 0.4: no internet is needed. Besides the schema, softwareVersion and releaseDate must be
the version in ontmoeting/__init__.py, the newest release in CHANGELOG.md and pyproject.toml's
version. Prints one line per problem and exits 1, or one line saying all is well.
"""

import json
import re
import sys
import tomllib
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "scripts" / "schemas" / "publiccode-0.4.schema.json"
RELEASE = re.compile(
    r"^## \[(?P<version>\d+\.\d+\.\d+[^\]]*)\] - (?P<date>\d{4}-\d{2}-\d{2})", re.M
)


class Yaml12Dates(yaml.SafeLoader):
    """PyYAML reads YAML 1.1, where an unquoted 2026-12-03 is a date; the standard asks for
    YAML 1.2, where it is a string, as the schema expects."""


Yaml12Dates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Dates)  # noqa: S506 (safe)


def schema_problems(document):
    validator = Draft202012Validator(
        json.loads(SCHEMA.read_text(encoding="utf-8")),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
        where = "/".join(str(part) for part in error.path) or "(top level)"
        # A "not" rule's own message repeats the whole schema; its description says it plainly.
        message = error.schema.get("description") if error.validator == "not" else None
        yield f"{where}: {message or error.message}"


def project_version():
    text = (ROOT / "ontmoeting" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "([^"]+)"', text, re.M)[1]
    date = re.search(r'^RELEASE_DATE = "([^"]+)"', text, re.M)[1]
    return version, date


def version_problems(document):
    version, date = project_version()
    said = {
        "ontmoeting/__init__.py": (version, date),
        "publiccode.yml": (str(document.get("softwareVersion")), str(document.get("releaseDate"))),
    }
    release = RELEASE.search((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    said["CHANGELOG.md"] = (release["version"], release["date"]) if release else (None, None)
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    said["pyproject.toml"] = (pyproject["project"]["version"], date)
    for name, (other_version, other_date) in said.items():
        if (other_version, other_date) != (version, date):
            yield (
                f"{name} says version {other_version} of {other_date}; ontmoeting/__init__.py "
                f"says {version} of {date}"
            )


def problems(path):
    try:
        document = load_yaml(path)
    except (OSError, yaml.YAMLError) as error:
        return [f"cannot read {path}: {error}"]
    if not isinstance(document, dict):
        return [f"{path}: not a YAML mapping"]
    return [*schema_problems(document), *version_problems(document)]


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else ROOT / "publiccode.yml"
    found = problems(path)
    for line in found:
        print(f"publiccode.yml: {line}", file=sys.stderr)
    if found:
        print(f"{path}: {len(found)} problem(s); the standard: https://yml.publiccode.tools/")
        return 1
    print(f"{path.name}: valid against publiccode.yml 0.4, version and release date agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
