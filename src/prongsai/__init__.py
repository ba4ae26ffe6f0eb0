"""prongsai (โปร่งใส): the ITA integrity and transparency cycle of Thai public agencies."""

__version__ = "0.1.0"
