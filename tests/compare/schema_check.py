#!/usr/bin/env python3
"""Checks files against data/schema/*.schema.json (JSON Schema 2020-12).

usage: schema_check.py SCHEMA EXPECT FILES_OR_DIRS...
EXPECT is "valid" (every file must pass) or "invalid" (every file must fail)."""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator


def main() -> int:
    schema_path, expect, *inputs = sys.argv[1:]
    schema = json.loads(pathlib.Path(schema_path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    files = []
    for name in inputs:
        path = pathlib.Path(name)
        files += sorted(path.rglob("*.json")) if path.is_dir() else [path]
    wrong = 0
    for path in files:
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
            errors = list(validator.iter_errors(document))
        except (ValueError, UnicodeDecodeError) as error:
            errors = [error]
        if (expect == "valid") != (not errors):
            wrong += 1
            if wrong <= 5:
                detail = "; ".join(getattr(e, "message", str(e))[:120] for e in errors[:2]) or "no error found"
                print(f"       {path}: expected {expect}: {detail}")
    print(f"  {'ok  ' if wrong == 0 else 'FAIL'} schema {pathlib.Path(schema_path).name}: {len(files) - wrong} of {len(files)} files {expect} as expected")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
