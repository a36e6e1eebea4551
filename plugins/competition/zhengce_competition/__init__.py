"""zhengce-competition: merger filing thresholds, fair-competition review and its complaints, fine setting."""

__version__ = "1.0.0"
