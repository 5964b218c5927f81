"""Subcommands of the ``newsledger`` CLI that have no better home (see :mod:`newsledger.cli`)."""
