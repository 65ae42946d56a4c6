"""The one place that imports python-escpos, so its import-time side effects stay contained."""

import fcntl
import logging
import os
import pickle
import platform
import sys
import tempfile
from pathlib import Path

# python-escpos pickles its capabilities database into a fresh temporary folder per process
# unless told where to keep it; one fixed folder per user avoids leaving a folder behind each run.
# A folder named in the environment may not exist yet (python-escpos does not create it).
_PICKLE_DIR = Path(os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR")
                   or Path(tempfile.gettempdir()) / f"buurtpunt-escpos-{os.getuid()}")
_PICKLE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(_PICKLE_DIR)

_already_imported = "escpos.capabilities" in sys.modules
_root_handlers = list(logging.getLogger().handlers)
_PICKLE = _PICKLE_DIR / f"{platform.python_version()}.capabilities.pickle"

# python-escpos writes that pickle in place on first import: a second process importing at the
# same moment (the test workers, `kiosk status` beside the service) read it half-written and
# failed, and a pickle cut short by a power cut failed every start after it. So the import waits
# for a lock on the folder, and a pickle that does not load is removed and built again.
with (_PICKLE_DIR / ".lock").open("w") as _lock:
    fcntl.flock(_lock, fcntl.LOCK_EX)
    if not _already_imported and _PICKLE.exists():
        try:
            with _PICKLE.open("rb") as _file:
                pickle.load(_file)  # noqa: S301 - python-escpos's own cache, in our own folder
        except Exception:  # noqa: BLE001 - any unreadable pickle is rebuilt
            _PICKLE.unlink(missing_ok=True)
    from escpos import printer as _printers
    from escpos.capabilities import get_profile
    from escpos.printer import Dummy, Network

if not _already_imported:
    # escpos.capabilities calls logging.basicConfig() at import time; undo the handler it added
    # so that the application decides how (and whether) log lines reach the console.
    for _handler in list(logging.getLogger().handlers):
        if _handler not in _root_handlers:
            logging.getLogger().removeHandler(_handler)

# The device modules log through the root logger's module-level functions, which would call
# basicConfig() again on first use; give each module a named logger with the same methods.
for _name in ("file", "network", "serial", "usb", "lp", "cups"):
    _module = sys.modules.get(f"escpos.printer.{_name}")
    if _module is not None and hasattr(_module, "logging"):
        _module.logging = logging.getLogger(f"escpos.printer.{_name}")

__all__ = ["Dummy", "Network", "escpos_class", "get_profile"]


def escpos_class(name: str) -> type:
    """Return python-escpos's printer class by name ("Usb", "Serial", ...)."""
    return getattr(_printers, name)
