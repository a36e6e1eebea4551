"""zhengce-ip: patent fee policies (专利收费标准和减缴) for the zhengce kernel."""

__version__ = "1.0.0"
