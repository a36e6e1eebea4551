"""zhengce-energy: carbon market, energy-saving and green-certificate policies for the zhengce kernel."""

__version__ = "1.3.0"
