"""The screen-reader check runs in ``make a11y`` (about 100 s, its own X server and Orca).

``make test`` stays within its time: these tests are collected only when
``LISMOI_A11Y=1`` (``make a11y`` sets it, and ``.ci/run`` runs ``make a11y``
after ``make test``). ``LISMOI_A11Y=1 pytest tests/a11y`` runs them by hand.
"""

import os

if os.environ.get("LISMOI_A11Y") != "1":
    collect_ignore_glob = ["test_*.py"]
