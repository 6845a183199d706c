"""The embedded server's root password: generated once per data dir, never written in code.

ArcadeDB applies its root password only when it creates the root user, on the first start
in a data dir; later starts ignore it. So the password is kept beside the data it unlocks,
readable by this user alone, and the same one is read back on every start.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path

from .errors import EmbeddedGraphError

PASSWORD_FILE_NAME = "root-password"
_PASSWORD_BYTES = 32  # token_urlsafe(32) gives 43 characters
_MIN_LENGTH = 16


def password_path(data_dir: str | os.PathLike[str]) -> Path:
    """Where the root password of the graph in `data_dir` is kept."""
    return Path(data_dir) / PASSWORD_FILE_NAME


def read_password(data_dir: str | os.PathLike[str]) -> str:
    """The root password of an existing data dir; never creates one (a client has no say)."""
    path = password_path(data_dir)
    try:
        return _read(path)
    except FileNotFoundError:
        raise EmbeddedGraphError(
            f"no embedded graph password in {path}: start the embedded graph first "
            "(it creates the file on its first start)"
        ) from None


def read_or_create_password(data_dir: str | os.PathLike[str]) -> str:
    """The root password for `data_dir`, generated and stored (mode 0600) on first use.

    The file appears atomically, complete and already 0600: it is written under a temporary
    name and hard-linked into place, so a concurrent caller either wins or reads the winner's.
    """
    path = password_path(data_dir)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    password = secrets.token_urlsafe(_PASSWORD_BYTES)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{PASSWORD_FILE_NAME}.")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as file:
            file.write(password + "\n")
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return _read(path)
    finally:
        os.unlink(temporary)
    return password


def _read(path: Path) -> str:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise EmbeddedGraphError(f"{path} is not a regular file; it must hold the graph password")
    if info.st_mode & 0o077:
        # Copied or restored with looser permissions: tighten rather than refuse.
        path.chmod(0o600)
    try:
        password = path.read_text(encoding="ascii").strip()
    except UnicodeDecodeError:
        password = ""
    if len(password) < _MIN_LENGTH:
        raise EmbeddedGraphError(
            f"{path} does not hold a usable password (fewer than {_MIN_LENGTH} characters); "
            "restore it, or remove the whole data directory to start a new graph"
        )
    return password
