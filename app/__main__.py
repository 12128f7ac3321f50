"""``python -m app`` runs the ``lismoi`` command."""

import sys

from app.cli import main

sys.exit(main())
