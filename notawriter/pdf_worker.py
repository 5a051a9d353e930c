"""The warm PDF converter's worker: run by a Python that has LibreOffice's `uno` module.

Not imported by notawriter itself: `notawriter.pdf` starts it as a script, with the interpreter
that can `import uno` (on Debian/Ubuntu the system python3 with python3-uno), next to a
LibreOffice it started listening on a named pipe. Only the standard library and `uno`.

    python3 pdf_worker.py PIPE-NAME CONNECT-SECONDS

Protocol, one JSON object per line: after connecting it writes {"ready": true} (or
{"error": "..."} and exits); then per request {"src": PATH, "dst": PATH, "filter": NAME,
"options": {NAME: VALUE}} it writes {"ok": true} or {"ok": false, "error": "..."}. At the end of
its input (also when notawriter was killed) it asks LibreOffice to quit, and stops.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from typing import Any


def _answer(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def main() -> int:
    try:
        import uno  # type: ignore[import-not-found]
        from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
    except ImportError as exc:
        _answer({"error": f"geen uno-module ({exc})"})
        return 1

    def prop(name: str, value: Any) -> Any:
        item = PropertyValue()
        item.Name = name
        item.Value = value
        return item

    pipe, patience = sys.argv[1], float(sys.argv[2])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + patience
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            break
        except Exception as exc:  # noqa: BLE001 - LibreOffice is still starting: try again until the deadline
            if time.monotonic() > deadline:
                _answer({"error": f"LibreOffice antwoordt niet ({type(exc).__name__})"})
                return 1
            time.sleep(0.1)
    _answer({"ready": True})

    for line in sys.stdin:
        if not line.strip():
            continue
        document = None
        try:
            request = json.loads(line)
            load = (prop("Hidden", True), prop("ReadOnly", True), prop("UpdateDocMode", 0))
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["src"]), "_blank", 0, load)
            if document is None:
                raise RuntimeError("document kon niet worden geopend")
            options = tuple(prop(k, v) for k, v in request.get("options", {}).items())
            data = uno.Any("[]com.sun.star.beans.PropertyValue", options)
            store = (prop("FilterName", request["filter"]), prop("FilterData", data))
            document.storeToURL(uno.systemPathToFileUrl(request["dst"]), store)
            _answer({"ok": True})
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which names the document
            _answer({"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]})
        finally:
            if document is not None:
                try:
                    document.close(True)
                except Exception:  # noqa: BLE001 - a document that will not close is disposed
                    with contextlib.suppress(Exception):
                        document.dispose()
    # End of input: notawriter is done, or was killed without stopping LibreOffice. Either way
    # LibreOffice is not wanted any more.
    with contextlib.suppress(Exception):
        desktop.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
