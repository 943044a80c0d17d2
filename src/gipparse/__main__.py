"""``python -m gipparse``: the same as the ``gipparse`` command."""

import sys

from ._cli import main

sys.exit(main())
