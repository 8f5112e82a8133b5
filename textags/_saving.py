"""Writing a model directory: the arrays, then the card that names them, under a lock.

The arrays go to a file named by their content (``model-<sha256>.npz``),
then ``card.json`` is replaced atomically; the card is the commit point.  A
crash at any moment leaves either the old card with its old arrays or the
new card with its new arrays -- never a mix.  Only the arrays file the old
card named is removed afterwards: a file textags did not write (say
``model_weights.npz`` of another tool) is never touched.  Two runs saving
into one directory at once take turns (an exclusive ``flock`` on the
directory), so the card that survives always names arrays that are there.
A directory this run created is removed again if the save fails.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ._errors import TextagsError

#: The arrays files textags writes (and so may remove when no card names them any more).
OWN_ARRAYS = re.compile(r"model-[0-9a-f]{16}\.npz")


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` (released when the process ends, however it ends)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, the card is still the commit point
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def check_model_dir(directory: Path) -> None:
    """Refuse a model directory that cannot be made: a name too long, or a file on its path."""
    from ._atomic import write_error

    try:
        directory.exists()
    except OSError as exc:
        raise write_error(exc, directory) from None
    for up in directory.absolute().parents:
        if up.exists():
            if not up.is_dir():
                raise write_error(OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)), directory)
            return


def _old_arrays(card_path: Path) -> str | None:
    """The arrays file an existing card names, if it is one textags wrote."""
    try:
        name = json.loads(card_path.read_text(encoding="utf-8")).get("file")
    except (OSError, ValueError, AttributeError, RecursionError):
        return None
    return name if isinstance(name, str) and OWN_ARRAYS.fullmatch(name) else None


def save_model(scorer, card: dict, directory: str | os.PathLike, *, force: bool = False) -> Path:
    """Write a model directory (see the module's description); an existing model is kept unless ``force``."""
    from ._atomic import atomic_write_bytes, write_error
    from ._format import CARD_FILE, FORMAT_VERSION, jsonable, npz_bytes, scorer_arrays, sha256_bytes
    from ._modelcheck import card_digest

    directory = Path(directory)
    if directory.is_symlink() and not force:
        raise TextagsError("is a symbolic link; pass --force to write the model where it points", str(directory))
    if directory.exists() and not directory.is_dir():
        raise TextagsError("is a file, not a directory; give a directory for the model", str(directory))
    created = not directory.exists()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, directory) from None
    data = npz_bytes(scorer_arrays(scorer))
    digest = sha256_bytes(data)
    name = f"model-{digest[:16]}.npz"
    card = dict(card)
    card.pop("card_sha256", None)
    card.update(
        {
            "format": FORMAT_VERSION,
            "file": name,
            "labels": list(scorer.labels),
            "params": jsonable(scorer.params),
            "features": scorer.spec.to_card(),
            "n_features": scorer.n_features,
            "sha256": digest,
        }
    )
    card = json.loads(json.dumps(card, ensure_ascii=False))  # the card as it will read back
    card["card_sha256"] = card_digest(card)
    text = json.dumps(card, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    card_path = directory / CARD_FILE
    try:
        with _locked(directory):
            if card_path.exists() and not force:
                raise TextagsError("already holds a model; pass --force (force=True) to overwrite it", str(directory))
            old = _old_arrays(card_path)
            if not (directory / name).exists() or sha256_bytes((directory / name).read_bytes()) != digest:
                atomic_write_bytes(directory / name, data)
            atomic_write_bytes(card_path, text.encode("utf-8"))
            if old and old != name:
                with contextlib.suppress(FileNotFoundError):
                    (directory / old).unlink()
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                for leftover in directory.iterdir():
                    if OWN_ARRAYS.fullmatch(leftover.name):
                        leftover.unlink()
                directory.rmdir()
        raise
    return directory
