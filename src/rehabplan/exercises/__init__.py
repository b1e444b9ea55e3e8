"""Exercises as data: the exercise library, home programme templates and training packages.

Pure Python, no Django, like the rules core: each kind of content is a folder of TOML files
read and checked by a loader here, so a new exercise or package needs no code, and a broken
file fails the test suite with a Danish message that names the file and the key.
"""
