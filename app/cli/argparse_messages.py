"""argparse's own messages, marked here so that our catalog translates them.

argparse looks up "usage: ", "options", its error messages... with
``gettext.gettext``, in gettext's global domain; :mod:`lismoi.core.i18n` makes
that domain ours, so ``lismoi --help`` and ``lismoi extract`` with a missing
argument speak French too. This module is never imported: it only lists the
messages (exactly as Python 3.10-3.13 write them) for the extractor.
"""

from lismoi.core.i18n import N_

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
)
