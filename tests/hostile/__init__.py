"""The hostile test kit: feed generators and a misbehaving loopback server.

Everything is generated on the fly (nothing hostile is stored in the repository):
:mod:`tests.hostile.corpus` writes feeds that attack the parser, the store and the terminal;
:mod:`tests.hostile.server` is an HTTP server on raw sockets that drips, hangs, resets,
loops, lies about sizes and sends compression bombs.
"""
