"""zhengce-example-province: a provincial plugin template (example source, not real law)."""

__version__ = "0.1.0"
