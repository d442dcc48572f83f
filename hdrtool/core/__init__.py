"""The core every stage stands on: errors, arch.toml config, tree walking,
the one make/Kbuild reader, the directive engine (unifdef) and its lexers.

It imports no stage (tests/test_layout.py enforces it).
"""
