"""zhengce-finance: enterprise finance policies (贷款贴息, 科技创新担保, 小巨人奖补, 续贷) for the zhengce kernel."""

__version__ = "1.1.0"
