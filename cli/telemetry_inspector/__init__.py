"""telemetry: see, audit and control what Visual Studio Code telemetry collects and sends."""

__version__ = "0.1.0"
