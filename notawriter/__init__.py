"""notawriter: beslisnota's and draft Kamerbrieven from a terminal wizard and Word templates.

The package root stays import-light on purpose: `notawriter --help` must not pull in
pydantic, docxtpl or prompt_toolkit.
"""

__version__ = "0.1.0"
