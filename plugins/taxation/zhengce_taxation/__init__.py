"""zhengce-taxation: the 2024 tax policies of the seed for the zhengce kernel."""

__version__ = "1.3.0"
