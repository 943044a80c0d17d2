"""``python -m gipparse``: the same as the ``gipparse`` command."""

import sys

from .cli import main

sys.exit(main())
