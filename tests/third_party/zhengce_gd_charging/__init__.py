"""zhengce-gd-charging: an example provincial plugin (a test fixture, not real law)."""

__version__ = "0.1.0"
