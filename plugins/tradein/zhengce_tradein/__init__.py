"""zhengce-tradein: trade-in policies (以旧换新) for the zhengce kernel."""

__version__ = "2.0.0"
