"""zhengce-employment: employment and social-insurance policies (失业保险援企稳岗, 病残津贴, 家政培训, 邮政快递安全) for the zhengce kernel."""

__version__ = "1.0.0"
