"""zhengce-finance: enterprise finance policies (贷款贴息及办理时限, 科技创新担保, 小巨人奖补, 续贷, 揭榜, 支付服务, 融资信用平台) for the zhengce kernel."""

__version__ = "1.2.0"
