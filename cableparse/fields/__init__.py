"""Small parsers, one per cable element.

Conventions shared by every module here:

* A parser takes ``(source, reporter=None, **options)`` where ``source`` is
  a ``str``, a :class:`~cableparse.errors.Span` or a sequence of spans, and
  returns a frozen value (or ``None`` when nothing could be read).
* Problems go to ``reporter.report(code, message, span, offset, field=...)``
  with a code from :data:`cableparse.errors.CODES`; a parser never raises on
  bad input.  Called without a reporter, a parser is strict: errors raise
  :class:`~cableparse.errors.CableParseError`.
* Each parser has a ``render_*`` inverse that writes the canonical text.
"""
