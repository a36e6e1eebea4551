"""zhengce-consumer: consumer-protection rules (消费者权益保护) for the zhengce kernel."""

__version__ = "1.0.0"
