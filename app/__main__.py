"""``python -m app`` runs the ``lismoi`` command."""

import sys

from lismoi.cli import main

sys.exit(main())
