"""hdrtool: a make-style toolkit for multi-arch kernel-style C header trees."""

__version__ = "0.5.0"
