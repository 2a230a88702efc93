"""Entrypoints: the command line (and later the HTTP API). They read settings and call bootstrap."""
