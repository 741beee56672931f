"""Pure text functions (no I/O): sanitising, Vietnamese folding, dates."""
