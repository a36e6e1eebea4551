"""zhengce-company: company registration policies (公司注册资本登记管理, 高效办成一件事) for the zhengce kernel."""

__version__ = "1.0.0"
