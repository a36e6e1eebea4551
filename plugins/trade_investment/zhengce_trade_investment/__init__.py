"""zhengce-trade-investment: foreign strategic investment, customs AEO facilitation and FDI measures."""

__version__ = "1.0.0"
