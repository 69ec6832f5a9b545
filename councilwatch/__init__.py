"""councilwatch: plain-English, cited summaries of UK council meetings."""

__version__ = "0.1.0"
