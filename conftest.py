"""Test-run settings shared by the kernel's and every plugin's tests.

In CI (``CI`` set) hypothesis runs derandomized: the same examples on every run,
so a red build is reproducible and never a coin toss.  Locally it explores anew
each run (and remembers failures in ``.hypothesis/``).
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
