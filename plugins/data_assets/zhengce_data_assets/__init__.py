"""zhengce-data-assets: data assets, enterprise data, data industry and SME digitalisation."""

__version__ = "1.2.0"
