"""Parses data dictionary task answers with Allie-SDK's own model classes, for AllieSdkDifferentialTest.

Usage: ALLIE_SDK_DIR=<checkout of github.com/Alation/Allie-SDK> python3 allie_sdk_parse.py task|errors <file>...
Prints one JSON document: a list, one entry per file, of what Allie-SDK's classes made of it
(DataDictionaryTaskDetails for a task answer; a list of DataDictionaryTaskError for an errors answer).
Nothing of Allie-SDK is kept in this repository: it is imported from the checkout named by ALLIE_SDK_DIR.
"""

import dataclasses
import datetime
import json
import os
import sys
import types

# The package's __init__ sets up logging with packages the models do not need (python-json-logger): load the
# models without it, as submodules of a bare package.
_package = types.ModuleType("allie_sdk")
_package.__path__ = [os.path.join(os.environ["ALLIE_SDK_DIR"], "allie_sdk")]
sys.modules["allie_sdk"] = _package

from allie_sdk.models.data_dictionary_model import (  # noqa: E402
    DataDictionaryTaskDetails,
    DataDictionaryTaskError,
)


def plain(value):
    """Dataclasses as dicts, datetimes as ISO text: what the gateway's JSON can be compared with."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def parse(kind, document):
    if kind == "task":
        return plain(DataDictionaryTaskDetails.from_api_response(document))
    items = document if isinstance(document, list) else [document]
    # As the SDK's own errors call does: dicts become errors, anything else stays as sent.
    return [plain(DataDictionaryTaskError.from_api_response(i)) if isinstance(i, dict) else i for i in items]


def main():
    kind, paths = sys.argv[1], sys.argv[2:]
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            out.append(parse(kind, json.load(f)))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
