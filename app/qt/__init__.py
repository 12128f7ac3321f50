"""The Qt layer: playback controller and the window. Only this package imports PySide6."""
