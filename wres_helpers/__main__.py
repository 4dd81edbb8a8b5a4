"""``python -m wres_helpers``: the same as the ``wres`` command."""

import sys

from wres_helpers.cli import main

sys.exit(main())
