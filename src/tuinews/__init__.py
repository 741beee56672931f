"""tuinews: a keyboard-driven terminal news reader with an offline full-text cache.

Importing this package must stay cheap: it never imports Textual, httpx, lxml or the
feed parsers (a test checks ``sys.modules`` in a subprocess).
"""

__version__ = "0.1.0"
