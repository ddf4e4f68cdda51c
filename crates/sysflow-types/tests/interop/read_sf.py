#!/usr/bin/env python3
"""Print what the official SysFlow reader (sysflow-tools) makes of a .sf file.

Usage: read_sf.py FILE.sf

Reads FILE.sf with sysflow.reader.SFReader and writes JSON lines to stdout:

- first, {"kind": "file", ...}: the sysflow-tools and fastavro versions, and
  the container header as the reader holds it (codec, metadata keys, the
  writer schema's name and its union branch names);
- then one {"kind": "record", "type": ..., "type_value": ..., "attrs": {...}}
  per record, in file order: the ObjectTypes member the reader reports and
  every attribute of the record it returns;
- a record the reader fails on gives {"kind": "error", "error": ...}; reading
  goes on after a KeyError (the reader's name lookup, after the record was
  consumed) and stops, with exit status 1, after anything else.

Rendering: namespaces (nested records, and maps, which the reader also turns
into namespaces) become JSON objects in attribute order; bytes (FOIDs) become
lower-case hex strings; lists stay lists; enums are the symbol strings the
reader returns; None is null. Any other value type is rendered as
{"unexpected_type": ..., "repr": ...} so that the comparison names it.

Part of the sysflow-types interop test (tests/it/interop.rs); it relies on
nothing but SFReader and what SFReader exposes.
"""

import enum
import json
import sys
import types

import fastavro
import sysflow
from sysflow.reader import SFReader


def render(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, types.SimpleNamespace):
        return {k: render(v) for k, v in vars(value).items()}
    if isinstance(value, dict):
        return {str(k): render(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [render(v) for v in value]
    return {"unexpected_type": type(value).__name__, "repr": repr(value)}


def emit(obj):
    # ASCII with \u escapes, so the output does not depend on the locale.
    sys.stdout.write(json.dumps(obj))
    sys.stdout.write("\n")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: read_sf.py FILE.sf\n")
        return 2
    reader = SFReader(argv[1])
    rdr = reader.rdr
    schema = rdr.writer_schema
    emit(
        {
            "kind": "file",
            "sysflow_tools": sysflow.__version__,
            "fastavro": fastavro.__version__,
            "codec": rdr.codec,
            "metadata_keys": sorted(rdr.metadata.keys()),
            "schema_name": schema.get("name"),
            "union": [branch.get("name") for branch in schema["fields"][0]["type"]],
        }
    )
    status = 0
    while True:
        try:
            objtype, rec = next(reader)
        except StopIteration:
            break
        except KeyError as e:
            emit({"kind": "error", "error": "KeyError: " + str(e)})
            continue
        except Exception as e:  # noqa: BLE001 - reported, then reading stops
            emit({"kind": "error", "error": type(e).__name__ + ": " + str(e)})
            status = 1
            break
        emit(
            {
                "kind": "record",
                "type": render(objtype),
                "type_value": objtype.value,
                "attrs": render(rec),
            }
        )
    # SFReader.close() calls a close() that fastavro's reader does not have
    # (AttributeError); close the file it opened instead.
    reader.fh.close()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
