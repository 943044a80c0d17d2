"""Converting a legacy Word document to DOCX with LibreOffice, safely.

LibreOffice (``soffice``) runs headless, once per document, on a copy of the document in
a new temporary folder, with a new user profile in that folder (``-env:UserInstallation``),
so that it neither reads nor writes the user's own LibreOffice profile or files, and two
conversions never share a running instance. It runs in its own process group under a time
limit: on timeout the whole group (``soffice`` and the ``soffice.bin`` it starts) is
killed. The folder is removed afterwards, whatever happened.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from gipparse import SourceError

#: Names a LibreOffice program that is not on ``PATH`` (or overrides the one that is).
SOFFICE_ENV = "GIPPARSE_SOFFICE"
#: Seconds one conversion may take (default :data:`DEFAULT_TIMEOUT`).
TIMEOUT_ENV = "GIPPARSE_SOFFICE_TIMEOUT"
DEFAULT_TIMEOUT = 120.0
#: The longest limit set (about eleven days): the wait polls with a timeout in
#: milliseconds that must fit 32 bits (``1e8`` raised an OverflowError, "timeout is too
#: large"), and a longer limit is, in effect, none.
_LONGEST_TIMEOUT = 1e6

#: How to get LibreOffice, for the message refusing a document without it.
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt install libreoffice-writer-nogui; Fedora: "
    "dnf install libreoffice-writer; macOS: brew install --cask libreoffice; Windows: "
    f"https://www.libreoffice.org), or name its soffice program in {SOFFICE_ENV}"
)

# Where installers put soffice when they do not put it on PATH.
_USUAL_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice program to run: :data:`SOFFICE_ENV` if set, else ``soffice`` or
    ``libreoffice`` on ``PATH``, else the usual install location; ``None`` if none."""
    named = os.environ.get(SOFFICE_ENV, "").strip()
    if named:
        return shutil.which(named)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _USUAL_PLACES if os.path.isfile(p)), None)


def timeout() -> float:
    """Seconds one conversion may take: :data:`TIMEOUT_ENV`, else :data:`DEFAULT_TIMEOUT`."""
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < math.inf:  # (NaN fails both)
        raise SourceError(f"{TIMEOUT_ENV}={text!r} is not a positive number of seconds")
    return min(value, _LONGEST_TIMEOUT)


def convert_to_docx(data: bytes, suffix: str, infilter: str, path: str | None, what: str) -> bytes:
    """The DOCX LibreOffice makes of *data* (a document with this *suffix*).

    :param infilter: LibreOffice's import filter (``"MS Word 97"``): named, so that a file
        that is not in that format fails instead of being imported as plain text.
    :param what: what the document is, for messages (``"a legacy Word document (.doc)"``).
    :raises SourceError: LibreOffice is missing, fails, times out or writes nothing.
    """
    soffice = find_soffice()
    if soffice is None:
        named = os.environ.get(SOFFICE_ENV, "").strip()
        missing = (
            f"{SOFFICE_ENV}={named!r} names no program"
            if named
            else "LibreOffice (soffice) was not found"
        )
        raise SourceError(
            f"this is {what}; reading it needs LibreOffice: {missing}; " + INSTALL_HINT, path=path
        )
    limit = timeout()
    with tempfile.TemporaryDirectory(prefix="gipparse-soffice-") as folder:
        work = Path(folder)
        source = work / "in" / f"document{suffix}"
        out = work / "out"
        source.parent.mkdir()
        out.mkdir()
        source.write_bytes(data)
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            f"--infilter={infilter}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        status, errors = _run(command, limit, work, path)
        result = out / "document.docx"
        if not result.is_file():
            said = [line.strip() for line in errors.splitlines() if line.startswith("Error")]
            reason = f" (exit status {status}{': ' + said[0] if said else ''})"
            raise SourceError(
                f"LibreOffice could not convert {what} to DOCX{reason}: the file is damaged, "
                "protected by a password, or not what its name says",
                path=path,
            )
        return result.read_bytes()


def _run(command: list[str], limit: float, folder: Path, path: str | None) -> tuple[int, str]:
    """Run *command* in its own process group; kill the group after *limit* seconds.
    Returns the exit status and what it wrote to stderr."""
    env = {**os.environ, "TMPDIR": str(folder)}
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=env,
            **options,  # type: ignore[call-overload]
        )
    except OSError as exc:
        raise SourceError(f"cannot run LibreOffice ({command[0]}): {exc}", path=path) from None
    try:
        _, errors = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        raise SourceError(
            f"LibreOffice took more than {limit:g} seconds to convert the document and was "
            f"stopped (raise the limit with {TIMEOUT_ENV})",
            path=path,
        ) from None
    except BaseException:  # KeyboardInterrupt: leave no LibreOffice behind
        _kill(process)
        process.communicate()
        raise
    return process.returncode, errors.decode("utf-8", "replace")


def _kill(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
