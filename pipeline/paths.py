"""Where the project's own files and the large shared corpora are, in one place.

The repository root holds the bundled samples, the gold annotations and the shipped model; the large
unannotated corpora stay outside the repository, found through ``$GIAMSAT_CORPORA`` (default
``../shared/corpora`` beside the checkout), and code that needs them skips cleanly when they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

#: the checkout (or editable install) this package runs from
REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_corpora() -> Path:
    """Return the folder of the large shared corpora: ``$GIAMSAT_CORPORA``, else ``../shared/corpora``."""
    return Path(os.environ.get("GIAMSAT_CORPORA") or REPO_ROOT.parent / "shared" / "corpora")
