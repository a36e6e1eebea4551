"""zhengce-tradein: equipment-renewal and trade-in policies (设备更新和以旧换新) for the zhengce kernel."""

__version__ = "2.2.0"
