"""Subcommands of the ``cableparse`` command line."""
